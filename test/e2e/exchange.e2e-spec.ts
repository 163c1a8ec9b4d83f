import { createHash, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { pairKey, Topics } from '@careplan/contracts';
import {
  CARE_OFFICE,
  HOME_HELP_OFFICE,
  buildBundle,
  buildFile,
  defaultRecords,
  withOfficeCheckDigit,
} from '@careplan/spec/testing';
import {
  eventually,
  gatewayUrl,
  getJson,
  Office,
  samplePdf,
  seedOffice,
  submit,
  Upload,
} from './support/api';
import { readState } from './support/state';

interface SubmissionIssue {
  code: string;
  row: number | null;
  severity: string;
  value: string | null;
}
interface SubmissionBody {
  id: string;
  status: string;
  report: { ok: boolean; files: { name: string; issues: SubmissionIssue[] }[] } | null;
  files: { id: string; name: string; sha256: string }[];
}
interface InboxBody {
  items: { id: string; submissionId: string; files: { id: string; name: string }[] }[];
}
interface HistoryBody {
  items: { event: string; submissionId: string; counterpartOfficeNumber: string }[];
}

describe('a bundle from gateway to archive', () => {
  let sender: Office;
  let receiver: Office;

  beforeAll(() => {
    sender = seedOffice(CARE_OFFICE, 'しんじゅく居宅介護支援事業所');
    receiver = seedOffice(HOME_HELP_OFFICE, 'ひまわり訪問介護');
  });

  const status = (id: string) => getJson<SubmissionBody>(sender, `/v1/submissions/${id}`).then((r) => r.body);

  it('delivers CSV files and a PDF byte for byte, and both offices see it in their history', async () => {
    const files: Upload[] = [...buildBundle('plan'), { name: 'モニタリングシート.pdf', bytes: samplePdf() }];
    const res = await submit(sender, receiver.officeNumber, files);
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as SubmissionBody;
    expect(accepted.status).toBe('accepted');

    const delivered = await eventually(
      () => status(accepted.id),
      (s) => s.status === 'delivered',
    );
    expect(delivered.report?.ok).toBe(true);

    const inbox = await eventually(
      () => getJson<InboxBody>(receiver, '/v1/inbox').then((r) => r.body),
      (b) => b.items.some((i) => i.submissionId === accepted.id),
    );
    const entry = inbox.items.find((i) => i.submissionId === accepted.id)!;
    expect(entry.files.map((f) => f.name)).toEqual(files.map((f) => f.name));

    for (const [i, file] of entry.files.entries()) {
      const download = await fetch(gatewayUrl(`/v1/inbox/${entry.id}/files/${file.id}`), {
        headers: { 'x-api-key': receiver.apiKey },
      });
      expect(download.status).toBe(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(bytes.equals(Buffer.from(files[i].bytes))).toBe(true);
      expect(download.headers.get('x-content-sha256')).toBe(createHash('sha256').update(bytes).digest('hex'));
    }

    const sent = await eventually(
      () => getJson<HistoryBody>(sender, '/v1/history').then((r) => r.body),
      (b) => b.items.some((h) => h.submissionId === accepted.id && h.event === 'sent'),
    );
    expect(sent.items.find((h) => h.event === 'sent')?.counterpartOfficeNumber).toBe(receiver.officeNumber);
    await eventually(
      () => getJson<HistoryBody>(receiver, '/v1/history').then((r) => r.body),
      (b) => b.items.some((h) => h.submissionId === accepted.id && h.event === 'received'),
    );
  });

  it('rejects a malformed CSV with an error naming the file and the row', async () => {
    const [plan] = buildBundle('plan');
    // latin1 maps bytes 1:1, so the MS932 content survives the edit untouched.
    const lines = Buffer.from(plan.bytes).toString('latin1').split('\r\n');
    lines[1] = lines[1].split(',').slice(0, 10).join(','); // the second record loses its last columns
    const broken = Buffer.from(lines.join('\r\n'), 'latin1');
    const res = await submit(sender, receiver.officeNumber, [{ name: plan.name, bytes: broken }]);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as SubmissionBody;

    const rejected = await eventually(
      () => status(id),
      (s) => s.status === 'rejected',
    );
    expect(rejected.report?.ok).toBe(false);
    const fileReport = rejected.report?.files.find((f) => f.name === plan.name);
    expect(fileReport?.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'COLUMN_COUNT', row: 2 })]),
    );
  });

  it('rejects a NUL in a field as ENCODING_CONTROL_CHAR, its report stored, and the archive records it', async () => {
    const records = defaultRecords('UPPLAN');
    records[1] = {
      ...records[1],
      insuredNo: `${String(records[1].insuredNo)}\u0000`,
      planStaffName: 'A\u0000B',
    };
    const plan = buildFile('UPPLAN', { records });
    const res = await submit(sender, receiver.officeNumber, [plan]);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as SubmissionBody;

    const rejected = await eventually(
      () => status(id),
      (s) => s.status === 'rejected',
    );
    const issues = rejected.report?.files.find((f) => f.name === plan.name)?.issues ?? [];
    expect(issues.map((i) => i.code)).not.toContain('VALIDATION_NOT_POSSIBLE');
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'ENCODING_CONTROL_CHAR',
          row: 2,
          severity: 'error',
          value: 'A\u2400B',
        }),
      ]),
    );
    await eventually(
      () => getJson<HistoryBody>(sender, '/v1/history').then((r) => r.body),
      (b) => ['sent', 'rejected'].every((e) => b.items.some((h) => h.submissionId === id && h.event === e)),
    );
  });

  it('shows a submission only to its sender', async () => {
    const res = await submit(sender, receiver.officeNumber, [
      { name: 'メモ.txt', bytes: Buffer.from('欠席の連絡', 'utf8') },
    ]);
    const { id } = (await res.json()) as SubmissionBody;
    expect((await getJson(receiver, `/v1/submissions/${id}`)).status).toBe(404);
    expect((await getJson(sender, `/v1/submissions/${id}`)).status).toBe(200);
  });
});

describe('a submission that cannot be validated at all', () => {
  it('is rejected visibly, with a file-level issue, after the validator gives up', async () => {
    const state = readState();
    const sender = seedOffice(withOfficeCheckDigit('137120921'), 'テスト居宅');
    const receiver = withOfficeCheckDigit('137150921');
    seedOffice(receiver, 'テスト訪問介護');
    const kafka = new Kafka({
      clientId: 'e2e-give-up',
      brokers: state.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    const producer = kafka.producer();
    await producer.connect();
    const submissionId = randomUUID();
    // The bytes this event points at were never stored: every validation attempt fails.
    const event = {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      submissionId,
      senderOfficeNumber: sender.officeNumber,
      receiverOfficeNumber: receiver,
      files: [
        {
          fileId: randomUUID(),
          name: 'UPPLAN.CSV',
          kind: 'csv',
          contentType: 'text/csv',
          size: 1,
          sha256: 'f'.repeat(64),
        },
      ],
    };
    await producer.send({
      topic: `${state.topicPrefix}${Topics.SubmissionReceived}`,
      messages: [{ key: pairKey(sender.officeNumber, receiver), value: JSON.stringify(event) }],
    });
    await producer.disconnect();
    const history = await eventually(
      () =>
        getJson<HistoryBody & { items: { details?: unknown }[] }>(sender, '/v1/history').then((r) => r.body),
      (b) => b.items.some((h) => h.submissionId === submissionId && h.event === 'rejected'),
    );
    expect(history.items.find((h) => h.event === 'rejected')?.submissionId).toBe(submissionId);
    // The verdict the sender's software receives (status, webhook) names the reason per file.
    const db = new Client({ connectionString: state.databaseUrl });
    await db.connect();
    const { rows } = await db.query<{ report: { files: { issues: { code: string }[] }[] } }>(
      'SELECT report FROM validator.validations WHERE submission_id = $1',
      [submissionId],
    );
    await db.end();
    expect(rows[0].report.files[0].issues[0].code).toBe('VALIDATION_NOT_POSSIBLE');
  });
});
