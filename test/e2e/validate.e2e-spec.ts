import { decodeMs932, encodeMs932 } from '@careplan/spec';
import { buildFile, DEFAULT_PARTIES, withOfficeCheckDigit } from '@careplan/spec/testing';
import { gatewayUrl, getJson, Office, samplePdf, seedOffice, Upload } from './support/api';

interface Report {
  ok: boolean;
  files: {
    name: string;
    fileType: string | null;
    errorCount: number;
    issues: {
      code: string;
      row: number | null;
      column: number | null;
      columnName: string | null;
      value: string | null;
    }[];
  }[];
}

async function dryRun(office: Office | null, to: string, files: Upload[]): Promise<Response> {
  const form = new FormData();
  form.append('to', to);
  for (const f of files) form.append('files', new Blob([Buffer.from(f.bytes)]), f.name);
  return fetch(gatewayUrl('/v1/validate'), {
    method: 'POST',
    headers: office ? { 'x-api-key': office.apiKey } : {},
    body: form,
  });
}

/** Replaces one column (1-based) of one record (1-based) of an MS932 CSV file. */
function withField(file: Upload, row: number, column: number, value: string): Upload {
  const lines = decodeMs932(file.bytes).split('\r\n');
  const cells = lines[row - 1].split(',');
  cells[column - 1] = value;
  lines[row - 1] = cells.join(',');
  return { name: file.name, bytes: encodeMs932(lines.join('\r\n')) };
}

// Offices of this file only, so that what other test files send never shows in their history.
const SENDER = withOfficeCheckDigit('137120911');
const RECEIVER = withOfficeCheckDigit('137150911');
const parties = { ...DEFAULT_PARTIES, sender: SENDER, receiver: RECEIVER };
const planBundle = (): Upload[] =>
  (['UPPLAN', 'UPSIKYU', 'UPHOSOKU'] as const).map((t) => buildFile(t, { parties }));

describe('POST /v1/validate (dry run)', () => {
  let sender: Office;

  beforeAll(() => {
    sender = seedOffice(SENDER, 'テスト居宅介護支援事業所');
    seedOffice(RECEIVER, 'テスト訪問介護');
  });

  it('reports a valid bundle as ok, with one entry per file', async () => {
    const files = [...planBundle(), { name: 'モニタリング.pdf', bytes: samplePdf() }];
    const res = await dryRun(sender, RECEIVER, files);
    expect(res.status).toBe(200);
    const report = (await res.json()) as Report;
    expect(report.ok).toBe(true);
    expect(report.files.map((f) => f.name).sort()).toEqual(files.map((f) => f.name).sort());
    expect(report.files.find((f) => f.name.startsWith('UPPLAN'))?.fileType).toBe('UPPLAN');
  });

  it('names the file, row, column and value of an impossible date', async () => {
    const [plan, ...rest] = planBundle();
    const res = await dryRun(sender, RECEIVER, [withField(plan, 2, 4, '20260230'), ...rest]);
    const report = (await res.json()) as Report;
    expect(report.ok).toBe(false);
    const issues = report.files.find((f) => f.name === plan.name)?.issues ?? [];
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'DATE_INVALID',
          row: 2,
          column: 4,
          columnName: '作成年月日',
          value: '20260230',
        }),
      ]),
    );
  });

  it('reports attachments that would be refused, and names the receiver mismatch', async () => {
    const res = await dryRun(sender, '1311111111', [
      ...planBundle(),
      { name: 'setup.exe', bytes: Buffer.from('MZ') },
      { name: 'invoice.csv', bytes: Buffer.from('MZ\x90\x00\x03\x00', 'latin1') },
      { name: 'CON.txt', bytes: Buffer.from('memo') },
    ]);
    const report = (await res.json()) as Report;
    expect(report.ok).toBe(false);
    expect(report.files.find((f) => f.name === 'setup.exe')?.issues[0].code).toBe(
      'ATTACHMENT_TYPE_NOT_ALLOWED',
    );
    expect(report.files.find((f) => f.name === 'invoice.csv')?.issues[0].code).toBe('CSV_CONTENT_NOT_TEXT');
    expect(report.files.find((f) => f.name === 'CON.txt')?.issues[0].code).toBe('FILE_NAME_RESERVED');
    const codes = report.files.flatMap((f) => f.issues.map((i) => i.code));
    expect(codes.some((c) => c.startsWith('FILE_NAME_'))).toBe(true);
  });

  it('answers other requests while it validates 10 MB: the CSV work runs in worker threads', async () => {
    const [plan] = planBundle();
    const copies = Math.ceil((10 * 1000 * 1000) / plan.bytes.length);
    const bytes = Buffer.concat(Array.from({ length: copies }, () => Buffer.from(plan.bytes)));
    let answered = false;
    const run = dryRun(sender, RECEIVER, [{ name: plan.name, bytes }]).finally(() => (answered = true));
    const waits: number[] = [];
    while (!answered) {
      const started = Date.now();
      expect((await fetch(gatewayUrl('/health/live'))).status).toBe(200);
      waits.push(Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100)); // pacing of the probes, not a wait
    }
    const res = await run;
    expect(res.status).toBe(200);
    expect(((await res.json()) as Report).files[0].fileType).toBe('UPPLAN');
    // Validating on the event loop, the gateway answered nothing for seconds (5 × 10 MB: 20 s).
    expect(waits.length).toBeGreaterThan(3);
    expect(Math.max(...waits)).toBeLessThan(1000);
  });

  it('stores and sends nothing', async () => {
    await dryRun(sender, RECEIVER, planBundle());
    const history = await getJson<{ items: unknown[] }>(sender, '/v1/history');
    expect(history.status).toBe(200);
    // The other tests of this file sent nothing either: the sender's history has no record at all.
    expect(history.body.items).toEqual([]);
  });

  it('requires an API key', async () => {
    const res = await dryRun(null, RECEIVER, planBundle());
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('API_KEY_MISSING');
  });
});

describe('the standard as published data', () => {
  it('lists the file types and serves each record schema with the Japanese item names', async () => {
    const types = (await (await fetch(gatewayUrl('/v1/spec/file-types'))).json()) as {
      id: string;
      schemaUrl: string;
    }[];
    expect(types.map((t) => t.id)).toEqual(
      expect.arrayContaining(['UPPLAN', 'UPSIKYU', 'UPHOSOKU', 'UP1KYO', 'UPJSK']),
    );
    const res = await fetch(gatewayUrl('/v1/spec/schemas/UPPLAN'));
    expect(res.status).toBe(200);
    const schema = (await res.json()) as { properties: Record<string, { title?: string }> };
    expect(Object.values(schema.properties).map((p) => p.title)).toContain('被保険者番号');
  });

  it('answers 404 with a code for a file type the standard does not have', async () => {
    const res = await fetch(gatewayUrl('/v1/spec/schemas/UPXXX'));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('FILE_TYPE_UNKNOWN');
  });
});
