import { parseFileName } from '@careplan/spec';
import type { FileKind } from '@careplan/contracts';
import {
  ALLOWED_ATTACHMENT_EXTENSIONS,
  checkAttachment,
  checkCsvContent,
  fileNameProblem,
  isCsvName,
  sanitizeFileName,
} from '../files/file-types';
import type { AppException } from '@careplan/platform';
import type { UploadedFile } from './multipart';
import { SubmissionErrors } from './submission.errors';

export interface CheckedFile {
  name: string;
  kind: FileKind;
  contentType: string;
  bytes: Buffer;
}

/**
 * What can be checked at the door, before anything is stored: names, types by content, and that
 * every standard CSV names this sender and this receiver. The validator checks the content later.
 */
export function checkBundleFiles(files: UploadedFile[], sender: string, receiver: string): CheckedFile[] {
  if (files.length === 0) throw SubmissionErrors.noFiles();
  // By the upper-case form too: case.pdf and CASE.PDF are one file once unzipped on Windows.
  const seen = new Map<string, string>();
  return files.map((f) => {
    const name = sanitizeFileName(f.rawName);
    if (!name) throw SubmissionErrors.fileNameInvalid(f.rawName);
    const unfit = nameError(name);
    if (unfit) throw unfit;
    const other = seen.get(name.toUpperCase());
    if (other === name) throw SubmissionErrors.fileNameDuplicate(name);
    if (other !== undefined) throw SubmissionErrors.fileNameCaseDuplicate(name, other);
    seen.set(name.toUpperCase(), name);
    if (isCsvName(name)) {
      checkCsvParties(name, sender, receiver);
      const content = checkCsvContent(name, f.bytes);
      if (!content.ok) throw SubmissionErrors.csvContentNotText(name);
      return { name, kind: 'csv', contentType: content.contentType, bytes: f.bytes };
    }
    const check = checkAttachment(name, f.bytes);
    if (!check.ok) {
      throw check.reason === 'extension'
        ? SubmissionErrors.attachmentType(name, ALLOWED_ATTACHMENT_EXTENSIONS)
        : SubmissionErrors.attachmentContent(name);
    }
    return { name, kind: 'attachment', contentType: check.contentType, bytes: f.bytes };
  });
}

/** The refusal of a name that looks like something else or that Windows cannot hold, or null. */
export function nameError(name: string): AppException | null {
  const problem = fileNameProblem(name);
  if (problem === null) return null;
  return problem.kind === 'character'
    ? SubmissionErrors.fileNameCharacter(name, problem.character)
    : SubmissionErrors.fileNameReserved(name);
}

/** A malformed name is left to the validator, which reports exactly what is wrong with it. */
function checkCsvParties(name: string, sender: string, receiver: string): void {
  const parsed = parseFileName(name);
  if (!parsed) return;
  if (parsed.senderOfficeNumber !== sender) throw SubmissionErrors.fileNameSenderMismatch(name, sender);
  if (parsed.receiverOfficeNumber !== receiver)
    throw SubmissionErrors.fileNameReceiverMismatch(name, receiver);
}
