import {
  HistoryKeys,
  pairKey,
  SubmissionReceivedEvent,
  SubmissionRejectedEvent,
  SubmissionValidatedEvent,
} from '@careplan/contracts';
import type { ValidationReport } from '@careplan/spec';

/** What a verdict on a submission is published as: its event, its class (so its topic) and its key. */
export interface VerdictMessage {
  eventClass: typeof SubmissionValidatedEvent | typeof SubmissionRejectedEvent;
  /** The sender → receiver pair: one pair's events stay in order on one partition. */
  key: string;
  event: SubmissionValidatedEvent | SubmissionRejectedEvent;
}

/** The verdict event on `e` for `report`: validated when the report is ok, rejected otherwise. */
export function verdictMessage(
  e: SubmissionReceivedEvent,
  report: ValidationReport,
  eventId: string,
  at: Date,
  historyKeys?: HistoryKeys,
): VerdictMessage {
  const eventClass = report.ok ? SubmissionValidatedEvent : SubmissionRejectedEvent;
  const event = Object.assign(new eventClass(), {
    eventId,
    occurredAt: at.toISOString(),
    submissionId: e.submissionId,
    senderOfficeNumber: e.senderOfficeNumber,
    receiverOfficeNumber: e.receiverOfficeNumber,
    files: e.files,
    ok: report.ok,
    report: report as unknown as Record<string, unknown>,
    historyKeys,
  });
  return { eventClass, key: pairKey(e.senderOfficeNumber, e.receiverOfficeNumber), event };
}

const NOT_VALIDATED = {
  code: 'VALIDATION_NOT_POSSIBLE',
  ja: 'サービス側の問題でこのファイルを検証できませんでした。お手数ですが国保連合会にお問い合わせください。',
  en: 'This file could not be validated because of a problem on the service side. Please contact your federation.',
};

/**
 * The report of a submission that could not be validated at all: one file-level error on every file it
 * has, attachments included, since none of them was checked.
 */
export function unvalidatableReport(e: SubmissionReceivedEvent): ValidationReport {
  return {
    ok: false,
    files: e.files.map((f) => ({
      name: f.name,
      fileType: null,
      csvVersion: null,
      rows: 0,
      errorCount: 1,
      warningCount: 0,
      issues: [
        {
          code: NOT_VALIDATED.code,
          severity: 'error',
          row: null,
          column: null,
          columnName: null,
          value: null,
          message: { ja: NOT_VALIDATED.ja, en: NOT_VALIDATED.en },
        },
      ],
    })),
  };
}

/** The report's errors and warnings over all its files, kept beside the verdict. */
export function issueCounts(report: ValidationReport): { errorCount: number; warningCount: number } {
  return {
    errorCount: report.files.reduce((n, f) => n + f.errorCount, 0),
    warningCount: report.files.reduce((n, f) => n + f.warningCount, 0),
  };
}
