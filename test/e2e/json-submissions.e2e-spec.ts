import {
  parseFileName,
  parseRecords,
  recordsToCsv,
  serialAt,
  type CsvRecord,
  type FileTypeId,
} from '@careplan/spec';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { eventually, gatewayUrl, getJson, Office, samplePdf, seedOffice } from './support/api';
import { call, planFor } from './support/vendor';

interface Submission {
  id: string;
  status: string;
  report: { ok: boolean } | null;
  files: { name: string; contentType: string }[];
}
interface Entry {
  id: string;
  submissionId: string;
  files: { id: string; name: string; kind: string }[];
}
interface Problem {
  code: string;
  message: { ja: string; en: string };
  pointer?: string;
  details?: { document: number; record: number; item: string | null; pointer: string; keyword: string }[];
}
interface JsonDocument {
  fileType: string;
  senderServiceKind: string;
  receiverServiceKind: string;
  yyyymm?: string;
  records: CsvRecord[];
}

const PDF_NAME = 'モニタリングシート（６月）.pdf';

/** The plan bundle of the standard as a vendor would send it in JSON: records, not files. */
function planDocuments(sender: string, receiver: string): JsonDocument[] {
  return planFor(sender, receiver).map((file) => {
    const name = parseFileName(file.name)!;
    const { fileType, records } = parseRecords(file);
    return {
      fileType,
      senderServiceKind: name.senderServiceKind!,
      receiverServiceKind: name.receiverServiceKind!,
      ...(name.yyyymm ? { yyyymm: name.yyyymm } : {}),
      records,
    };
  });
}

const withPdf = (to: string, documents: JsonDocument[]) => ({
  to,
  documents,
  attachments: [
    {
      name: PDF_NAME,
      contentType: 'application/pdf',
      contentBase64: Buffer.from(samplePdf()).toString('base64'),
    },
  ],
});

describe('JSON submissions (records in, standard CSV files out)', () => {
  let sender: Office;
  let receiver: Office;
  let documents: JsonDocument[];

  const send = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(gatewayUrl('/v1/submissions'), {
      method: 'POST',
      headers: { 'x-api-key': sender.apiKey, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const refused = async (body: unknown, status: number, code: string): Promise<Problem> => {
    const res = await send(body);
    const problem = (await res.json()) as Problem;
    expect({ status: res.status, code: problem.code }).toEqual({ status, code });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(problem.message.ja).toBeTruthy();
    return problem;
  };

  beforeAll(() => {
    sender = seedOffice(withOfficeCheckDigit('137129611'), 'JSONテスト居宅');
    receiver = seedOffice(withOfficeCheckDigit('137159611'), 'JSONテスト訪問介護');
    documents = planDocuments(sender.officeNumber, receiver.officeNumber);
  });

  it('accepts records and a PDF, validates and delivers them; the receiver has both the CSV bytes and the records', async () => {
    const res = await send(withPdf(receiver.officeNumber, documents));
    expect(res.status).toBe(202);
    const accepted = (await res.json()) as Submission;
    expect(accepted.files.map((f) => parseFileName(f.name)?.fileType ?? f.name)).toEqual([
      ...documents.map((d) => d.fileType),
      PDF_NAME,
    ]);
    for (const [i, f] of accepted.files.slice(0, documents.length).entries()) {
      expect(parseFileName(f.name)).toMatchObject({
        fileType: documents[i].fileType,
        senderOfficeNumber: sender.officeNumber,
        receiverOfficeNumber: receiver.officeNumber,
        legacy: false,
      });
    }

    const delivered = await eventually(
      () => getJson<Submission>(sender, `/v1/submissions/${accepted.id}`).then((r) => r.body),
      (s) => s.status === 'delivered',
    );
    expect(delivered.report?.ok).toBe(true);

    const inbox = await eventually(
      () => getJson<{ items: Entry[] }>(receiver, '/v1/inbox').then((r) => r.body),
      (b) => b.items.some((i) => i.submissionId === accepted.id),
    );
    const entry = inbox.items.find((i) => i.submissionId === accepted.id)!;
    for (const [i, doc] of documents.entries()) {
      const file = entry.files[i];
      const download = await fetch(gatewayUrl(`/v1/inbox/${entry.id}/files/${file.id}`), {
        headers: { 'x-api-key': receiver.apiKey },
      });
      expect(download.status).toBe(200);
      const bytes = Buffer.from(await download.arrayBuffer());
      expect(bytes.equals(recordsToCsv(doc.fileType as FileTypeId, doc.records))).toBe(true);
      const records = await call<{ fileType: string; records: CsvRecord[] }>(
        receiver.apiKey,
        'GET',
        `/v1/inbox/${entry.id}/files/${file.id}/records`,
      );
      expect(records.status).toBe(200);
      expect(records.body).toMatchObject({ fileType: doc.fileType, records: doc.records });
    }
    const pdf = entry.files[documents.length];
    expect(pdf).toMatchObject({ name: PDF_NAME, kind: 'attachment' });
    const download = await fetch(gatewayUrl(`/v1/inbox/${entry.id}/files/${pdf.id}`), {
      headers: { 'x-api-key': receiver.apiKey },
    });
    expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(samplePdf()))).toBe(true);
  });

  it('is idempotent as multipart is: the same key and records answer the original submission', async () => {
    const headers = { 'idempotency-key': `json-${Date.now()}` };
    const first = await send(withPdf(receiver.officeNumber, documents), headers);
    expect(first.status).toBe(202);
    const original = (await first.json()) as Submission;
    // Once the clock has passed the original's serial, fresh names would differ: the replay reuses the original's.
    const serial = parseFileName(original.files[0].name)!.serial;
    await eventually(
      () => serialAt(new Date()),
      (now) => now !== serial,
      5_000,
      50,
    );
    const again = await send(withPdf(receiver.officeNumber, documents), headers);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(((await again.json()) as Submission).id).toBe(original.id);
  });

  it('names the document, record and item of a missing item and of a wrong type', async () => {
    const [plan, ...rest] = documents;
    const { insuredNo: _dropped, ...missing } = plan.records[0];
    const bad = { ...plan, records: [missing, { ...plan.records[0], insuredNo: 42 }] };
    const problem = await refused(
      { to: receiver.officeNumber, documents: [...rest, bad] },
      422,
      'JSON_RECORDS_INVALID',
    );
    const at = rest.length;
    expect(problem.pointer).toBe(`/documents/${at}/records/0/insuredNo`);
    expect(problem.details).toEqual([
      expect.objectContaining({ document: at, record: 0, item: 'insuredNo', keyword: 'required' }),
      expect.objectContaining({
        document: at,
        record: 1,
        item: 'insuredNo',
        pointer: `/documents/${at}/records/1/insuredNo`,
        keyword: 'type',
      }),
    ]);
  });

  it('refuses an unknown file type, a bad base64 attachment and a malformed body, each with its code', async () => {
    const unknown = await refused(
      { to: receiver.officeNumber, documents: [{ ...documents[0], fileType: 'UPNOTHING' }] },
      422,
      'JSON_FILE_TYPE_UNKNOWN',
    );
    expect(unknown.pointer).toBe('/documents/0/fileType');

    const body = withPdf(receiver.officeNumber, documents);
    body.attachments[0].contentBase64 = '%%not base64%%';
    const base64 = await refused(body, 422, 'JSON_ATTACHMENT_INVALID');
    expect(base64.pointer).toBe('/attachments/0/contentBase64');

    await refused({ to: receiver.officeNumber }, 400, 'BAD_REQUEST');
    await refused({ to: receiver.officeNumber, documents: [], colour: 'red' }, 400, 'BAD_REQUEST');
    await refused('[1, 2]', 400, 'BAD_REQUEST');
    await refused({ to: receiver.officeNumber, documents: [] }, 422, 'FILES_MISSING');
  });

  it('keeps the intake rules of multipart: the receiver, the attachment types', async () => {
    await refused({ to: sender.officeNumber, documents }, 422, 'RECEIVER_IS_SENDER');
    const exe = withPdf(receiver.officeNumber, documents);
    exe.attachments[0] = {
      name: 'setup.exe',
      contentType: 'application/octet-stream',
      contentBase64: Buffer.from('MZ').toString('base64'),
    };
    await refused(exe, 422, 'ATTACHMENT_TYPE_NOT_ALLOWED');
  });

  it('takes a JSON body over 1 MiB here, and keeps 1 MiB on every other route', async () => {
    // 2 MiB of PDF: over the global limit as base64, within MAX_BUNDLE_BYTES.
    const big = Buffer.concat([Buffer.from(samplePdf()), Buffer.alloc(2 * 1024 * 1024, 0x20)]);
    const body = withPdf(receiver.officeNumber, documents);
    body.attachments[0].contentBase64 = big.toString('base64');
    const res = await send(body);
    expect(res.status).toBe(202);

    const other = await call(sender.apiKey, 'PUT', '/v1/webhook', { url: 'x'.repeat(2 * 1024 * 1024) });
    expect(other.status).toBe(413);
    expect(other.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('validates the same JSON without sending it (POST /v1/validate)', async () => {
    const res = await fetch(gatewayUrl('/v1/validate'), {
      method: 'POST',
      headers: { 'x-api-key': sender.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify(withPdf(receiver.officeNumber, documents)),
    });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { ok: boolean; files: { name: string; errorCount: number }[] };
    expect(report.ok).toBe(true);
    expect(report.files.map((f) => parseFileName(f.name)?.fileType ?? f.name).sort()).toEqual(
      [...documents.map((d) => d.fileType), PDF_NAME].sort(),
    );

    const bad = await fetch(gatewayUrl('/v1/validate'), {
      method: 'POST',
      headers: { 'x-api-key': sender.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ to: receiver.officeNumber, documents: [{ ...documents[0], fileType: 'UPX' }] }),
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as Problem).code).toBe('JSON_FILE_TYPE_UNKNOWN');
  });
});
