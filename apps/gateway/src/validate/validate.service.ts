import { Injectable } from '@nestjs/common';
import { FileReport, validateBundle, ValidationReport } from '@careplan/spec';
import {
  ALLOWED_ATTACHMENT_EXTENSIONS,
  checkAttachment,
  isCsvName,
  sanitizeFileName,
} from '../files/file-types';
import type { AuthenticatedOffice } from '../offices/offices.service';
import type { UploadedBundle } from '../submissions/multipart';
import { SubmissionErrors } from '../submissions/submission.errors';

/**
 * The dry run: the validator's checks, synchronously, on a bundle that is neither stored nor sent.
 * Standard CSV files get the libs/spec report; attachments a file entry with their type problems.
 */
@Injectable()
export class ValidateService {
  check(office: AuthenticatedOffice, bundle: UploadedBundle): ValidationReport {
    if (bundle.files.length === 0) throw SubmissionErrors.noFiles();
    const files = bundle.files.map((f) => ({ name: sanitizeFileName(f.rawName), bytes: f.bytes }));
    const csv = validateBundle(
      files.filter((f) => isCsvName(f.name)),
      { senderOfficeNumber: office.officeNumber, receiverOfficeNumber: bundle.to || undefined },
    );
    const attachments = files.filter((f) => !isCsvName(f.name)).map((f) => attachmentReport(f.name, f.bytes));
    const all = [...csv.files, ...attachments];
    return { ok: all.every((f) => f.errorCount === 0), files: all };
  }
}

function attachmentReport(name: string, bytes: Buffer): FileReport {
  const check = checkAttachment(name, bytes);
  const report: FileReport = {
    name,
    fileType: null,
    csvVersion: null,
    rows: 0,
    errorCount: 0,
    warningCount: 0,
    issues: [],
  };
  if (check.ok) return report;
  const problem =
    check.reason === 'extension'
      ? SubmissionErrors.attachmentType(name, ALLOWED_ATTACHMENT_EXTENSIONS)
      : SubmissionErrors.attachmentContent(name);
  report.errorCount = 1;
  report.issues.push({
    code: problem.code,
    severity: 'error',
    row: null,
    column: null,
    columnName: null,
    value: check.extension || null,
    message: problem.messages,
  });
  return report;
}
