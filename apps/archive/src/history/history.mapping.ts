import {
  Actor,
  BaseEvent,
  DeliveryAcknowledgedEvent,
  DeliveryDeliveredEvent,
  DeliveryDownloadedEvent,
  DeliveryReceiptEvent,
  FileRef,
  isFirstDownload,
  SubmissionReceivedEvent,
  SubmissionRejectedEvent,
  SubmissionValidatedEvent,
} from '@careplan/contracts';
import { parseFileName } from '@careplan/spec';
import { HistoryEvent, HistoryFile, HistoryRecordEntity } from './history-record.entity';

export type HistoryRow = Omit<HistoryRecordEntity, 'id'>;

interface Parties {
  submissionId: string;
  senderOfficeNumber: string;
  receiverOfficeNumber: string;
  files?: FileRef[];
}

const filesOf = (files: FileRef[]): HistoryFile[] =>
  files.map((f) => ({ name: f.name, kind: f.kind, size: f.size, sha256: f.sha256 }));

/** The distinct standard file types among the names, sorted; attachments and unknown names add none. */
export function fileTypesOf(names: readonly string[]): string[] {
  const types = new Set<string>();
  for (const name of names) {
    const parsed = parseFileName(name);
    if (parsed) types.add(parsed.fileType);
  }
  return [...types].sort();
}

function row(
  e: BaseEvent & Parties,
  role: 'sender' | 'receiver',
  event: HistoryEvent,
  extra: Partial<HistoryRow> = {},
): HistoryRow {
  return {
    officeNumber: role === 'sender' ? e.senderOfficeNumber : e.receiverOfficeNumber,
    counterpartOfficeNumber: role === 'sender' ? e.receiverOfficeNumber : e.senderOfficeNumber,
    role,
    event,
    submissionId: e.submissionId,
    deliveryId: null,
    files: [],
    fileTypes: fileTypesOf((e.files ?? []).map((f) => f.name)),
    // Filled by HistoryService from the verdict (validator's keys, else the bytes) and shared with the other rows.
    insuredNumbers: [],
    details: null,
    actor: null,
    fileId: null,
    occurredAt: new Date(e.occurredAt),
    eventId: e.eventId,
    ...extra,
  };
}

/** What each event means in each office's history: sender and receiver see their own steps. */
export function historyRowsFor(e: BaseEvent): HistoryRow[] {
  if (e instanceof SubmissionReceivedEvent)
    return [row(e, 'sender', 'sent', { files: filesOf(e.files), actor: actorOf(e.actor) })];
  if (e instanceof SubmissionValidatedEvent || e instanceof SubmissionRejectedEvent) {
    const verdict = e instanceof SubmissionValidatedEvent ? 'validated' : 'rejected';
    return [row(e, 'sender', verdict, { details: { report: e.report } })];
  }
  if (e instanceof DeliveryDeliveredEvent) {
    const extra = { deliveryId: e.deliveryId, files: filesOf(e.files) };
    return [row(e, 'sender', 'delivered', extra), row(e, 'receiver', 'received', extra)];
  }
  if (e instanceof DeliveryDownloadedEvent) return downloadRows(e);
  if (e instanceof DeliveryAcknowledgedEvent) return receiptRows(e, 'acknowledged');
  return [];
}

/**
 * Each download is the receiver's row, with who and which file; the sender hears of the first one only (a repeat
 * is the receiver's own business, and would tell the sender how its staff work).
 */
function downloadRows(e: DeliveryDownloadedEvent): HistoryRow[] {
  const rows = receiptRows(e, 'downloaded', { fileId: e.fileId ?? null });
  return isFirstDownload(e) ? rows : rows.filter((r) => r.role === 'receiver');
}

/** The receiver's staff and keys are its own business: only its row names who downloaded or acknowledged. */
function receiptRows(
  e: DeliveryReceiptEvent,
  step: 'downloaded' | 'acknowledged',
  extra: Partial<HistoryRow> = {},
): HistoryRow[] {
  const shared = { deliveryId: e.deliveryId, ...extra };
  return [row(e, 'receiver', step, { ...shared, actor: actorOf(e.actor) }), row(e, 'sender', step, shared)];
}

/** Only the actor's own fields are stored, whatever else a newer producer put in the event. */
function actorOf(a: Actor | undefined): Actor | null {
  return a ? { type: a.type, id: a.id, label: a.label } : null;
}
