import {
  DeliveryAcknowledgedEvent,
  DeliveryDeliveredEvent,
  DeliveryDownloadedEvent,
  DeliveryReceiptEvent,
  FileRef,
  SubmissionRejectedEvent,
  SubmissionValidatedEvent,
} from '@careplan/contracts';
import { WebhookEventType } from './webhook-job';

/** What one lifecycle event pushes, and to which offices. */
export interface WebhookNotification {
  eventId: string;
  type: WebhookEventType;
  occurredAt: string;
  submissionId: string;
  deliveryId: string | null;
  recipients: string[];
  data: Record<string, unknown>;
}

const MAX_ISSUES = 20;

const fileData = (f: FileRef) => ({
  id: f.fileId,
  name: f.name,
  kind: f.kind,
  contentType: f.contentType,
  size: f.size,
  sha256: f.sha256,
});

function base(
  e: SubmissionValidatedEvent | SubmissionRejectedEvent | DeliveryDeliveredEvent | DeliveryReceiptEvent,
  type: WebhookEventType,
  recipients: string[],
  deliveryId: string | null,
  data: Record<string, unknown>,
): WebhookNotification {
  return {
    eventId: e.eventId,
    type,
    occurredAt: e.occurredAt,
    submissionId: e.submissionId,
    deliveryId,
    recipients,
    data: { submissionId: e.submissionId, from: e.senderOfficeNumber, to: e.receiverOfficeNumber, ...data },
  };
}

export function validatedNotification(e: SubmissionValidatedEvent): WebhookNotification {
  return base(e, 'submission.validated', [e.senderOfficeNumber], null, {
    report: summarizeReport(e.report),
    files: e.files.map(fileData),
  });
}

export function rejectedNotification(e: SubmissionRejectedEvent): WebhookNotification {
  return base(e, 'submission.rejected', [e.senderOfficeNumber], null, {
    report: summarizeReport(e.report),
    files: e.files.map(fileData),
  });
}

/** Both sides hear of a delivery: the receiver to fetch it, the sender as a receipt. */
export function deliveredNotification(e: DeliveryDeliveredEvent): WebhookNotification {
  return base(e, 'delivery.delivered', [e.receiverOfficeNumber, e.senderOfficeNumber], e.deliveryId, {
    deliveryId: e.deliveryId,
    files: e.files.map((f) => ({
      ...fileData(f),
      downloadUrl: `/v1/inbox/${e.deliveryId}/files/${f.fileId}`,
    })),
  });
}

export function receiptNotification(
  e: DeliveryDownloadedEvent | DeliveryAcknowledgedEvent,
  type: 'delivery.downloaded' | 'delivery.acknowledged',
): WebhookNotification {
  return base(e, type, [e.senderOfficeNumber], e.deliveryId, {
    deliveryId: e.deliveryId,
    ...(e.fileId ? { fileId: e.fileId } : {}),
  });
}

interface ReportIssue {
  code?: unknown;
  severity?: unknown;
  row?: unknown;
  column?: unknown;
  message?: unknown;
}
interface ReportFile {
  name?: unknown;
  errorCount?: unknown;
  warningCount?: unknown;
  issues?: unknown;
}

/** The counts and the first errors of a libs/spec report, without trusting its shape blindly. */
export function summarizeReport(report: Record<string, unknown>): Record<string, unknown> {
  const files = (Array.isArray(report.files) ? report.files : []) as ReportFile[];
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  const issues = files.flatMap((f) =>
    (Array.isArray(f.issues) ? (f.issues as ReportIssue[]) : [])
      .filter((i) => i.severity === 'error')
      .map((i) => ({ file: f.name, code: i.code, row: i.row, column: i.column, message: i.message })),
  );
  return {
    ok: report.ok === true,
    errorCount: files.reduce((n, f) => n + num(f.errorCount), 0),
    warningCount: files.reduce((n, f) => n + num(f.warningCount), 0),
    files: files.map((f) => ({
      name: f.name,
      errorCount: num(f.errorCount),
      warningCount: num(f.warningCount),
    })),
    issues: issues.slice(0, MAX_ISSUES),
    issuesTruncated: issues.length > MAX_ISSUES,
  };
}
