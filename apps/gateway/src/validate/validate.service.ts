import { Injectable } from '@nestjs/common';
import type { AppException } from '@careplan/platform';
import { FileReport, validateBundle, ValidationReport } from '@careplan/spec';
import {
  ALLOWED_ATTACHMENT_EXTENSIONS,
  checkAttachment,
  checkCsvContent,
  isCsvName,
  sanitizeFileName,
} from '../files/file-types';
import type { AuthenticatedOffice } from '../offices/offices.service';
import type { UploadedBundle } from '../submissions/multipart';
import { nameError } from '../submissions/bundle';
import { SubmissionErrors } from '../submissions/submission.errors';

/**
 * The dry run: the validator's checks, synchronously, on a bundle that is neither stored nor sent.
 * Standard CSV files get the libs/spec report; attachments a file entry with their type problems.
 */
@Injectable()
export class ValidateService {
  check(office: AuthenticatedOffice, bundle: UploadedBundle): ValidationReport {
    if (bundle.files.length === 0) throw SubmissionErrors.noFiles();
    const named = bundle.files.map((f) => ({ name: sanitizeFileName(f.rawName), bytes: f.bytes }));
    // Names the intake refuses (invisible characters, Windows device names) are errors here.
    const badNames = named.flatMap((f) => {
      const problem = nameError(f.name);
      return problem ? [problemReport(f.name, problem, null)] : [];
    });
    const files = named.filter((f) => nameError(f.name) === null);
    const csvFiles = files.filter((f) => isCsvName(f.name));
    // What the intake refuses at the door (a .csv that is no standard file and no text) is an error here.
    const notText = csvFiles.filter((f) => !checkCsvContent(f.name, f.bytes).ok);
    const csv = validateBundle(
      csvFiles.filter((f) => !notText.includes(f)),
      { senderOfficeNumber: office.officeNumber, receiverOfficeNumber: bundle.to || undefined },
    );
    const attachments = files.filter((f) => !isCsvName(f.name)).map((f) => attachmentReport(f.name, f.bytes));
    const refused = notText.map((f) =>
      problemReport(f.name, SubmissionErrors.csvContentNotText(f.name), null),
    );
    const all = [...csv.files, ...refused, ...attachments, ...badNames];
    return { ok: all.every((f) => f.errorCount === 0), files: all };
  }
}

function attachmentReport(name: string, bytes: Buffer): FileReport {
  const check = checkAttachment(name, bytes);
  if (check.ok) return fileReport(name, []);
  const problem =
    check.reason === 'extension'
      ? SubmissionErrors.attachmentType(name, ALLOWED_ATTACHMENT_EXTENSIONS)
      : SubmissionErrors.attachmentContent(name);
  return problemReport(name, problem, check.extension || null);
}

/** A file-level error carrying the problem the intake would answer. */
function problemReport(name: string, problem: AppException, value: string | null): FileReport {
  return fileReport(name, [
    {
      code: problem.code,
      severity: 'error',
      row: null,
      column: null,
      columnName: null,
      value,
      message: problem.messages,
    },
  ]);
}

function fileReport(name: string, issues: FileReport['issues']): FileReport {
  const errorCount = issues.length;
  return { name, fileType: null, csvVersion: null, rows: 0, errorCount, warningCount: 0, issues };
}
