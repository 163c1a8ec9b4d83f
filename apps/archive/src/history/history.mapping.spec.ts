import { randomUUID } from 'node:crypto';
import {
  DeliveryAcknowledgedEvent,
  DeliveryDeliveredEvent,
  DeliveryDownloadedEvent,
  SubmissionReceivedEvent,
  SubmissionRejectedEvent,
} from '@careplan/contracts';
import { fileTypesOf, historyRowsFor } from './history.mapping';

const SENDER = '1371201367';
const RECEIVER = '1371500420';
const file = {
  fileId: randomUUID(),
  name: 'UPPLAN.CSV',
  kind: 'csv' as const,
  contentType: 'text/csv',
  size: 10,
  sha256: 'a'.repeat(64),
};
const base = () => ({
  eventId: randomUUID(),
  occurredAt: '2026-11-01T00:00:00.000Z',
  submissionId: randomUUID(),
  senderOfficeNumber: SENDER,
  receiverOfficeNumber: RECEIVER,
});

const staff = { type: 'staff' as const, id: randomUUID(), label: 'yamada' };
const key = { type: 'key' as const, id: randomUUID(), label: '受付PC' };

describe('historyRowsFor', () => {
  it('names who sent it on the sent row, and nobody on events that name none', () => {
    const sent = historyRowsFor(
      Object.assign(new SubmissionReceivedEvent(), { ...base(), files: [file], actor: staff }),
    );
    expect(sent[0].actor).toEqual(staff);
    const old = historyRowsFor(Object.assign(new SubmissionReceivedEvent(), { ...base(), files: [file] }));
    expect(old[0].actor).toBeNull();
  });

  it('keeps only the actor fields it knows', () => {
    const extra = { ...staff, displayName: '山田 花子', secret: 'x' };
    const [row] = historyRowsFor(
      Object.assign(new SubmissionReceivedEvent(), { ...base(), files: [file], actor: extra }),
    );
    expect(row.actor).toEqual(staff);
  });

  it("names who downloaded or acknowledged on the receiver's row only", () => {
    for (const cls of [DeliveryDownloadedEvent, DeliveryAcknowledgedEvent]) {
      const e = Object.assign(new cls(), { ...base(), deliveryId: randomUUID(), actor: key });
      expect(historyRowsFor(e).map((r) => [r.officeNumber, r.actor])).toEqual([
        [RECEIVER, key],
        [SENDER, null],
      ]);
    }
  });

  it("records every download in the receiver's history, and only the first in the sender's", () => {
    const fileId = randomUUID();
    const download = (extra: object) =>
      historyRowsFor(
        Object.assign(new DeliveryDownloadedEvent(), { ...base(), deliveryId: randomUUID(), ...extra }),
      );
    const first = download({ actor: key, fileId, first: true });
    expect(first.map((r) => [r.officeNumber, r.event, r.actor, r.fileId])).toEqual([
      [RECEIVER, 'downloaded', key, fileId],
      [SENDER, 'downloaded', null, fileId],
    ]);
    const again = download({ actor: staff, first: false });
    expect(again.map((r) => [r.officeNumber, r.event, r.actor, r.fileId])).toEqual([
      [RECEIVER, 'downloaded', staff, null],
    ]);
    // Older gateways published the first download only, without the flag.
    expect(download({ actor: key }).map((r) => r.officeNumber)).toEqual([RECEIVER, SENDER]);
  });

  it('records a send under the sender only', () => {
    const rows = historyRowsFor(Object.assign(new SubmissionReceivedEvent(), { ...base(), files: [file] }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ officeNumber: SENDER, event: 'sent', counterpartOfficeNumber: RECEIVER });
    expect(rows[0].files).toEqual([{ name: 'UPPLAN.CSV', kind: 'csv', size: 10, sha256: 'a'.repeat(64) }]);
  });

  it('derives the standard file types of the files from their names', () => {
    const plan = { ...file, name: 'UPPLAN_202505_1371201367_43_1371500420_11_20250425103000.CSV' };
    const pdf = { ...file, name: 'モニタリング.pdf', kind: 'attachment' as const };
    const rows = historyRowsFor(
      Object.assign(new SubmissionReceivedEvent(), { ...base(), files: [plan, pdf] }),
    );
    expect(rows[0].fileTypes).toEqual(['UPPLAN']);
    expect(rows[0].insuredNumbers).toEqual([]);
  });

  it('lists each file type once, sorted, and ignores names that are not standard', () => {
    expect(
      fileTypesOf([
        'UPSIKYU_202505_1371201367_43_1371500420_11_20250425103000.CSV',
        'UPPLAN_202505_1371201367_43_1371500420_11_20250425103000.CSV',
        'UPPLAN_202505_1371201367_43_1371500420_11_20250425103001.CSV',
        'memo.txt',
      ]),
    ).toEqual(['UPPLAN', 'UPSIKYU']);
  });

  it('records a rejection under the sender with the report', () => {
    const report = { ok: false, files: [] };
    const rows = historyRowsFor(
      Object.assign(new SubmissionRejectedEvent(), { ...base(), files: [file], ok: false, report }),
    );
    expect(rows).toEqual([
      expect.objectContaining({ officeNumber: SENDER, event: 'rejected', details: { report } }),
    ]);
  });

  it('records a delivery for both offices', () => {
    const deliveryId = randomUUID();
    const rows = historyRowsFor(
      Object.assign(new DeliveryDeliveredEvent(), { ...base(), files: [file], deliveryId }),
    );
    expect(rows.map((r) => [r.officeNumber, r.event, r.deliveryId])).toEqual([
      [SENDER, 'delivered', deliveryId],
      [RECEIVER, 'received', deliveryId],
    ]);
  });

  it('records an acknowledgement for both offices', () => {
    const e = Object.assign(new DeliveryAcknowledgedEvent(), { ...base(), deliveryId: randomUUID() });
    expect(historyRowsFor(e).map((r) => [r.officeNumber, r.event])).toEqual([
      [RECEIVER, 'acknowledged'],
      [SENDER, 'acknowledged'],
    ]);
  });
});
