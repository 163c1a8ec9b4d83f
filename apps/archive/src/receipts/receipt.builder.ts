import type { Actor } from '@careplan/contracts';
import type { HistoryEvent, HistoryFile } from '../history/history-record.entity';

export const RECEIPT_TYPE = 'careplan-exchange/receipt';
export const RECEIPT_VERSION = 1;

/** When each step of the exchange happened (ISO 8601, UTC); null for a step not (yet) taken. */
export interface ReceiptSteps {
  acceptedAt: string | null;
  validatedAt: string | null;
  rejectedAt: string | null;
  deliveredAt: string | null;
  downloadedAt: string | null;
  acknowledgedAt: string | null;
}

/** The signed content of a proof of exchange. Field names are a contract: verifiers recompute its canonical JSON. */
export interface Receipt {
  type: typeof RECEIPT_TYPE;
  version: typeof RECEIPT_VERSION;
  submissionId: string;
  deliveryId: string | null;
  /**
   * actor: the key or staff user that sent it, when the history knows it. Only present then, so receipts issued
   * before actors were recorded keep their canonical form (and their signatures) as they were.
   */
  sender: { officeNumber: string; actor?: Actor };
  receiver: { officeNumber: string };
  files: HistoryFile[];
  steps: ReceiptSteps;
  status: 'accepted' | 'validated' | 'rejected' | 'delivered' | 'downloaded' | 'acknowledged';
  issuedAt: string;
  keyId: string;
}

export interface SignedReceipt {
  receipt: Receipt;
  /** Ed25519 signature (base64) over the UTF-8 bytes of canonicalJson(receipt). */
  signature: string;
}

/** What the builder needs of a history row (both offices' rows of one submission). */
export interface ReceiptSourceRow {
  officeNumber: string;
  counterpartOfficeNumber: string;
  role: 'sender' | 'receiver';
  event: HistoryEvent;
  deliveryId: string | null;
  files: HistoryFile[];
  /** Who of the row's office did it (sent, downloaded, acknowledged); null or absent when unknown. */
  actor?: Actor | null;
  occurredAt: Date;
}

function firstAt(rows: readonly ReceiptSourceRow[], ...events: HistoryEvent[]): string | null {
  const times = rows.filter((r) => events.includes(r.event)).map((r) => r.occurredAt.getTime());
  return times.length === 0 ? null : new Date(Math.min(...times)).toISOString();
}

function statusOf(s: ReceiptSteps): Receipt['status'] {
  if (s.acknowledgedAt) return 'acknowledged';
  if (s.downloadedAt) return 'downloaded';
  if (s.deliveredAt) return 'delivered';
  if (s.rejectedAt) return 'rejected';
  if (s.validatedAt) return 'validated';
  return 'accepted';
}

/** The receipt of one submission from its history rows (any office's); issuedAt and keyId come at signing. */
export function buildReceipt(
  submissionId: string,
  rows: readonly ReceiptSourceRow[],
): Omit<Receipt, 'issuedAt' | 'keyId'> {
  const any = rows[0];
  const sender = any.role === 'sender' ? any.officeNumber : any.counterpartOfficeNumber;
  const receiver = any.role === 'sender' ? any.counterpartOfficeNumber : any.officeNumber;
  const withFiles =
    rows.find((r) => r.event === 'sent') ?? rows.find((r) => r.files.length > 0 && r.event !== 'sent');
  const steps: ReceiptSteps = {
    acceptedAt: firstAt(rows, 'sent'),
    validatedAt: firstAt(rows, 'validated'),
    rejectedAt: firstAt(rows, 'rejected'),
    deliveredAt: firstAt(rows, 'delivered', 'received'),
    downloadedAt: firstAt(rows, 'downloaded'),
    acknowledgedAt: firstAt(rows, 'acknowledged'),
  };
  const sentBy = rows.find((r) => r.event === 'sent' && r.actor)?.actor;
  return {
    type: RECEIPT_TYPE,
    version: RECEIPT_VERSION,
    submissionId,
    deliveryId: rows.find((r) => r.deliveryId)?.deliveryId ?? null,
    sender: sentBy
      ? { officeNumber: sender, actor: { type: sentBy.type, id: sentBy.id, label: sentBy.label } }
      : { officeNumber: sender },
    receiver: { officeNumber: receiver },
    files: (withFiles?.files ?? []).map((f) => ({
      name: f.name,
      kind: f.kind,
      size: f.size,
      sha256: f.sha256,
    })),
    steps,
    status: statusOf(steps),
  };
}
