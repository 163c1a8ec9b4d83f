import {
  DeliveryAcknowledgedEvent,
  DeliveryDeliveredEvent,
  DeliveryDownloadedEvent,
  DeliveryReceiptEvent,
  FileRef,
  isFirstDownload,
  SubmissionRejectedEvent,
  SubmissionValidatedEvent,
} from '@careplan/contracts';
import type { ValidationReport } from '@careplan/spec';
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
  // A repeat download is the receiver's own business: the sender heard of the first, and hears of no other.
  const repeat = e instanceof DeliveryDownloadedEvent && !isFirstDownload(e);
  return base(e, type, repeat ? [] : [e.senderOfficeNumber], e.deliveryId, {
    deliveryId: e.deliveryId,
    ...(e.fileId ? { fileId: e.fileId } : {}),
  });
}

/** The counts and the first errors of the verdict's libs/spec report (checked with its event). */
export function summarizeReport(report: ValidationReport): Record<string, unknown> {
  const issues = report.files.flatMap((f) =>
    f.issues
      .filter((i) => i.severity === 'error')
      .map((i) => ({ file: f.name, code: i.code, row: i.row, column: i.column, message: i.message })),
  );
  return {
    ok: report.ok,
    errorCount: report.files.reduce((n, f) => n + f.errorCount, 0),
    warningCount: report.files.reduce((n, f) => n + f.warningCount, 0),
    files: report.files.map((f) => ({
      name: f.name,
      errorCount: f.errorCount,
      warningCount: f.warningCount,
    })),
    issues: issues.slice(0, MAX_ISSUES),
    issuesTruncated: issues.length > MAX_ISSUES,
  };
}
