import { randomUUID } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  DeliveryAcknowledgedEvent,
  DeliveryDeliveredEvent,
  DeliveryDownloadedEvent,
  FileRef,
  SubmissionRejectedEvent,
} from '@careplan/contracts';
import { parseWebhookJob, WebhookJobData, webhookJobId } from './webhook-job';
import {
  deliveredNotification,
  receiptNotification,
  rejectedNotification,
  summarizeReport,
} from './webhook-notifications';

const SENDER = '1371201367';
const RECEIVER = '1371500420';
const file: FileRef = Object.assign(new FileRef(), {
  fileId: randomUUID(),
  name: 'UPPLAN.CSV',
  kind: 'csv',
  contentType: 'text/csv',
  size: 10,
  sha256: 'a'.repeat(64),
});
const common = {
  eventId: randomUUID(),
  occurredAt: '2026-11-26T00:00:00.000Z',
  submissionId: randomUUID(),
  senderOfficeNumber: SENDER,
  receiverOfficeNumber: RECEIVER,
};

describe('webhook notifications', () => {
  it('pushes a delivery to the receiver and the sender, with download URLs of the inbox', () => {
    const deliveryId = randomUUID();
    const n = deliveredNotification(
      Object.assign(new DeliveryDeliveredEvent(), { ...common, deliveryId, files: [file] }),
    );
    expect(n.type).toBe('delivery.delivered');
    expect(n.recipients).toEqual([RECEIVER, SENDER]);
    expect(n.data).toEqual({
      submissionId: common.submissionId,
      from: SENDER,
      to: RECEIVER,
      deliveryId,
      files: [
        {
          id: file.fileId,
          name: file.name,
          kind: 'csv',
          contentType: 'text/csv',
          size: 10,
          sha256: file.sha256,
          downloadUrl: `/v1/inbox/${deliveryId}/files/${file.fileId}`,
        },
      ],
    });
  });

  it('pushes receipts to the sender only', () => {
    const n = receiptNotification(
      Object.assign(new DeliveryAcknowledgedEvent(), { ...common, deliveryId: randomUUID() }),
      'delivery.acknowledged',
    );
    expect(n.recipients).toEqual([SENDER]);
  });

  it('pushes the first download to the sender, and a repeat download to no one', () => {
    const download = (extra: object) =>
      receiptNotification(
        Object.assign(new DeliveryDownloadedEvent(), { ...common, deliveryId: randomUUID(), ...extra }),
        'delivery.downloaded',
      ).recipients;
    expect(download({ first: true })).toEqual([SENDER]);
    expect(download({})).toEqual([SENDER]);
    expect(download({ first: false })).toEqual([]);
  });

  it('tells the sender why a submission was rejected', () => {
    const report = {
      ok: false,
      files: [
        {
          name: 'UPPLAN.CSV',
          errorCount: 1,
          warningCount: 2,
          issues: [
            { code: 'E_LEN', severity: 'error', row: 3, column: 4, message: { ja: 'x', en: 'y' } },
            { code: 'W_X', severity: 'warning', row: 5, column: 1, message: { ja: 'x', en: 'y' } },
          ],
        },
      ],
    };
    const n = rejectedNotification(
      Object.assign(new SubmissionRejectedEvent(), { ...common, ok: false, report, files: [file] }),
    );
    expect(n.recipients).toEqual([SENDER]);
    expect(n.data.report).toEqual({
      ok: false,
      errorCount: 1,
      warningCount: 2,
      files: [{ name: 'UPPLAN.CSV', errorCount: 1, warningCount: 2 }],
      issues: [{ file: 'UPPLAN.CSV', code: 'E_LEN', row: 3, column: 4, message: { ja: 'x', en: 'y' } }],
      issuesTruncated: false,
    });
  });

  // A malformed report never gets here: the verdict event's contract refuses it (libs/contracts).
  it('summarizes a report without files', () => {
    expect(summarizeReport({ ok: true, files: [] })).toMatchObject({ ok: true, errorCount: 0, files: [] });
  });
});

describe('webhook jobs', () => {
  it('have one id per event and office, which BullMQ accepts', () => {
    const id = webhookJobId(common.eventId, RECEIVER);
    expect(id).toBe(`${common.eventId}.${RECEIVER}`);
    expect(id).not.toContain(':');
  });

  const job = {
    eventId: common.eventId,
    type: 'delivery.delivered',
    occurredAt: common.occurredAt,
    officeNumber: RECEIVER,
    submissionId: common.submissionId,
    deliveryId: randomUUID(),
    data: {},
  };
  const byClassValidator = (plain: object) =>
    validateSync(plainToInstance(WebhookJobData, plain)).length === 0;

  it('are validated before they are sent', () => {
    expect(parseWebhookJob({ eventId: 'x' })).toHaveProperty('error');
    for (const plain of [job, { ...job, deliveryId: null }, { ...job, deliveryId: undefined }]) {
      expect(byClassValidator(plain)).toBe(true);
      const parsed = parseWebhookJob(structuredClone(plain));
      expect('job' in parsed && parsed.job).toBeInstanceOf(WebhookJobData);
    }
  });

  // The compiled check of WebhookJobData decides as its decorators do, and names the field.
  it.each<[keyof typeof job, unknown, string]>([
    ['eventId', 'x', 'eventId fails isUUID'],
    ['type', 'delivery.lost', 'type must be one of'],
    ['occurredAt', 'yesterday', 'occurredAt fails isISO8601'],
    ['officeNumber', '13I1500420', 'officeNumber must match pattern'],
    ['submissionId', undefined, 'submissionId is missing'],
    ['deliveryId', 'x', 'deliveryId fails isUUID'],
    ['data', [], 'data must be object'],
    ['data', null, 'data must be object'],
  ])('refuse %s = %p', (field, value, reason) => {
    const plain = { ...job, [field]: value };
    expect(byClassValidator(plain)).toBe(false);
    expect(parseWebhookJob(structuredClone(plain))).toEqual({
      error: expect.stringContaining(reason) as string,
    });
  });
});
