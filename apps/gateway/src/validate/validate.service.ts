import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { join } from 'node:path';
import { Problems } from '@careplan/contracts';
import { AppException, problem } from '@careplan/platform';
import type { FileReport, ValidationReport } from '@careplan/spec';
import { GatewayEnv } from '../config/gateway.env';
import {
  ALLOWED_ATTACHMENT_EXTENSIONS,
  checkAttachment,
  isCsvName,
  sanitizeFileName,
} from '../files/file-types';
import { WorkerPool, WorkerPoolFullError } from '../workers/worker-pool';
import type { CsvCheckInput, CsvCheckOutput } from './csv-check.task';
import type { AuthenticatedOffice } from '../offices/offices.service';
import type { UploadedBundle } from '../submissions/multipart';
import { nameError } from '../submissions/bundle';
import { SubmissionErrors } from '../submissions/submission.errors';

/** Seconds a caller is told to wait when every validation worker is busy and the queue is full. */
const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * The dry run: the validator's checks on a bundle that is neither stored nor sent, answered at once.
 * Standard CSV files get the libs/spec report; attachments a file entry with their type problems. The CSV
 * work (seconds for 50 MB) runs in a small pool of worker threads, so other requests are answered meanwhile.
 */
@Injectable()
export class ValidateService implements OnModuleDestroy {
  private readonly pool: WorkerPool<CsvCheckInput, CsvCheckOutput>;

  constructor(env: GatewayEnv) {
    this.pool = new WorkerPool(join(__dirname, 'validate.worker.js'), {
      name: 'validate',
      size: env.VALIDATE_WORKERS,
      maxQueue: env.VALIDATE_QUEUE,
    });
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }

  async check(office: AuthenticatedOffice, bundle: UploadedBundle): Promise<ValidationReport> {
    if (bundle.files.length === 0) throw SubmissionErrors.noFiles();
    const named = bundle.files.map((f) => ({ name: sanitizeFileName(f.rawName), bytes: f.bytes }));
    // Names the intake refuses (invisible characters, Windows device names) are errors here.
    const badNames = named.flatMap((f) => {
      const problem = nameError(f.name);
      return problem ? [problemReport(f.name, problem, null)] : [];
    });
    const files = named.filter((f) => nameError(f.name) === null);
    const { report, notText } = await this.checkCsv({
      files: files.filter((f) => isCsvName(f.name)),
      ctx: { senderOfficeNumber: office.officeNumber, receiverOfficeNumber: bundle.to || undefined },
    });
    const attachments = files.filter((f) => !isCsvName(f.name)).map((f) => attachmentReport(f.name, f.bytes));
    // What the intake refuses at the door (a .csv that is no standard file and no text) is an error here.
    const refused = notText.map((name) =>
      problemReport(name, SubmissionErrors.csvContentNotText(name), null),
    );
    const all = [...report.files, ...refused, ...attachments, ...badNames];
    return { ok: all.every((f) => f.errorCount === 0), files: all };
  }

  private async checkCsv(input: CsvCheckInput): Promise<CsvCheckOutput> {
    if (input.files.length === 0) return { report: { ok: true, files: [] }, notText: [] };
    try {
      return await this.pool.run(input);
    } catch (e) {
      if (e instanceof WorkerPoolFullError)
        throw problem(
          Problems.SERVICE_BUSY,
          { retryAfter: BUSY_RETRY_AFTER_SECONDS },
          { retryAfter: BUSY_RETRY_AFTER_SECONDS },
        );
      throw e;
    }
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
