import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFileName, parseRecords } from '@careplan/spec';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { eventually, gatewayUrl, Office, samplePdf, seedOffice, Upload } from './support/api';
import { planFor } from './support/vendor';

// The vendor CLI as a vendor runs it: the package's bin (what `npx careplan` starts), as a subprocess.
const BIN = join(__dirname, '..', '..', 'packages', 'careplan-cli', 'bin', 'careplan.js');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function careplan(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env, encoding: 'utf8', timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

async function json<T>(args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  const run = await careplan([...args, '--json'], env);
  if (run.code !== 0)
    throw new Error(`careplan ${args.join(' ')} exited ${run.code}: ${run.stderr}${run.stdout}`);
  return JSON.parse(run.stdout) as T;
}

describe('careplan CLI against the running services', () => {
  let sender: Office;
  let receiver: Office;
  let senderEnv: NodeJS.ProcessEnv;
  let receiverEnv: NodeJS.ProcessEnv;
  let files: Upload[];
  let paths: string[];
  let submissionId: string;

  beforeAll(() => {
    sender = seedOffice(withOfficeCheckDigit('132120071'), 'CLI 居宅介護支援事業所');
    receiver = seedOffice(withOfficeCheckDigit('132150072'), 'CLI 訪問介護');
    const base = { PATH: process.env.PATH, LANG: 'C' };
    // The sender logs in (config file under its own HOME); the receiver uses the environment variables.
    senderEnv = { ...base, HOME: mkdtempSync(join(tmpdir(), 'careplan-sender-')) };
    receiverEnv = {
      ...base,
      HOME: mkdtempSync(join(tmpdir(), 'careplan-receiver-')),
      CAREPLAN_URL: gatewayUrl(''),
      CAREPLAN_API_KEY: receiver.apiKey,
    };
    files = [
      ...planFor(sender.officeNumber, receiver.officeNumber),
      { name: 'モニタリングシート.pdf', bytes: samplePdf() },
      { name: '連絡メモ（サービス担当者会議）.txt', bytes: Buffer.from('担当者会議は来週です。\n', 'utf8') },
    ];
    const dir = mkdtempSync(join(tmpdir(), 'careplan-send-'));
    paths = files.map((f) => {
      writeFileSync(join(dir, f.name), f.bytes);
      return join(dir, f.name);
    });
  });

  it('logs in: checks the key, writes a config file only its owner can read', async () => {
    const bad = await careplan(['login', '--url', gatewayUrl(''), '--key', 'cpx_not-a-key'], senderEnv);
    expect(bad.code).toBe(1);
    const saved = await json<{ config: string }>(
      ['login', '--url', gatewayUrl(''), '--key', sender.apiKey],
      senderEnv,
    );
    expect(saved.config).toBe(join(senderEnv.HOME!, '.config', 'careplan', 'config.json'));
    expect(statSync(saved.config).mode & 0o777).toBe(0o600);
  });

  it('sends a bundle with a PDF and Japanese file names and --wait follows it until delivered', async () => {
    const submission = await json<{ id: string; status: string; files: { name: string }[]; report: unknown }>(
      ['send', '--to', receiver.officeNumber, '--wait', ...paths],
      senderEnv,
    );
    expect(submission.status).toBe('delivered');
    expect(submission.files.map((f) => f.name).sort()).toEqual(files.map((f) => f.name).sort());
    expect(submission.report).toMatchObject({ ok: true });
    submissionId = submission.id;
  });

  it('pull --ack on the receiver writes the files under their names with the bytes sent', async () => {
    const out = mkdtempSync(join(tmpdir(), 'careplan-pull-'));
    const result = await json<{
      pulled: { submissionId: string; acknowledged: boolean; files: { name: string; path: string }[] }[];
      failed: unknown[];
    }>(['pull', '--out', out, '--ack'], receiverEnv);
    expect(result.failed).toEqual([]);
    const ours = result.pulled.find((d) => d.submissionId === submissionId);
    expect(ours).toMatchObject({ acknowledged: true });
    for (const f of files) {
      expect(Buffer.compare(readFileSync(join(out, f.name)), Buffer.from(f.bytes))).toBe(0);
    }
    // Nothing left to pull: acknowledged deliveries are not fetched again.
    const again = await json<{ pulled: unknown[] }>(['pull', '--out', out, '--ack'], receiverEnv);
    expect(again.pulled).toEqual([]);
  });

  it("the sender's history shows the acknowledgement", async () => {
    const events = await eventually(
      async () => {
        const history = await json<{ items: { submissionId: string; event: string }[] }>(
          ['history'],
          senderEnv,
        );
        return history.items.filter((h) => h.submissionId === submissionId).map((h) => h.event);
      },
      (seen) => seen.includes('acknowledged'),
    );
    expect(events).toEqual(expect.arrayContaining(['sent', 'delivered', 'acknowledged']));
    const csv = join(mkdtempSync(join(tmpdir(), 'careplan-history-')), 'history.csv');
    await json(['history', '--counterpart', receiver.officeNumber, '--csv', csv], senderEnv);
    const text = readFileSync(csv, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff); // UTF-8 with BOM, for spreadsheet software
    expect(text).toContain(submissionId);
    // The table names who sent it: the key the CLI logged in with.
    const table = await careplan(['history', '--counterpart', receiver.officeNumber], senderEnv);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toContain('actor');
    expect(table.stdout.split('\n').find((l) => l.includes(submissionId) && l.includes('sent'))).toMatch(
      /key:/,
    );
  });

  it('receipt --verify checks the signed receipt against the public key of the exchange, and --pdf writes the PDF', async () => {
    const pdf = join(mkdtempSync(join(tmpdir(), 'careplan-receipt-')), 'receipt.pdf');
    const verified = await json<{ valid: boolean; receipt: { submissionId: string } }>(
      ['receipt', submissionId, '--verify', '--pdf', pdf],
      senderEnv,
    );
    expect(verified.valid).toBe(true);
    expect(verified.receipt.submissionId).toBe(submissionId);
    expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("send --wait shows a rejected bundle's report as a table with the Japanese message, and exits 1", async () => {
    const run = await careplan(['send', '--to', receiver.officeNumber, '--wait', paths[0]], {
      ...senderEnv,
      LANG: 'ja_JP.UTF-8',
    });
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toContain('rejected');
    expect(lines[1].split(/\s{2,}/)).toEqual(['ファイル', '行', '項目', 'コード', 'メッセージ']);
    const issue = lines.find((l) => l.includes('SET_INCOMPLETE'));
    expect(issue).toContain(files[0].name);
    expect(run.stdout).toContain('差し戻されました');
  });

  it('watch keeps pulling: a bundle sent while it runs lands in the folder, acknowledged', async () => {
    const out = mkdtempSync(join(tmpdir(), 'careplan-watch-'));
    const watching = careplan(
      ['watch', '--out', out, '--ack', '--interval', '1', '--rounds', '8', '--json'],
      receiverEnv,
    );
    const sent = await json<{ id: string }>(['send', '--to', receiver.officeNumber, ...paths], senderEnv);
    const run = await watching;
    expect(run.code).toBe(0);
    const rounds = run.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { pulled: { submissionId: string; acknowledged: boolean }[] });
    const pulled = rounds.flatMap((r) => r.pulled).find((d) => d.submissionId === sent.id);
    expect(pulled).toMatchObject({ acknowledged: true });
    expect(readFileSync(join(out, 'モニタリングシート.pdf'))).toEqual(Buffer.from(samplePdf()));
  });

  it('inbox lists the acknowledged delivery; keys create, list and revoke', async () => {
    const inbox = await json<{ items: { submissionId: string; acknowledgedAt: string | null }[] }>(
      ['inbox', '--status', 'acknowledged'],
      receiverEnv,
    );
    expect(inbox.items.find((e) => e.submissionId === submissionId)?.acknowledgedAt).toEqual(
      expect.any(String),
    );
    const created = await json<{ id: string; key: string }>(
      ['keys', 'create', '--label', 'CLI テスト'],
      receiverEnv,
    );
    expect(created.key).toMatch(/^cpx_/);
    const list = await json<{ items: { id: string; label: string }[] }>(['keys', 'list'], receiverEnv);
    expect(list.items).toContainEqual(expect.objectContaining({ id: created.id, label: 'CLI テスト' }));
    const revoked = await json<{ revokedAt: string | null }>(['keys', 'revoke', created.id], receiverEnv);
    expect(revoked.revokedAt).toEqual(expect.any(String));
  });

  it('audit lists those key changes to the admin key, newest first', async () => {
    const audit = await json<{ items: { action: string; origin: string; target: { label: string } }[] }>(
      ['audit'],
      receiverEnv,
    );
    const ours = audit.items.filter((e) => e.target.label === 'CLI テスト');
    expect(ours.map((e) => [e.action, e.origin])).toEqual([
      ['key.revoked', 'office'],
      ['key.issued', 'office'],
    ]);
    const table = await careplan(['audit'], receiverEnv);
    expect(table.stdout).toContain('key.revoked');
  });

  it('exits 1 when the exchange refuses (an office it does not know), 2 on a usage error', async () => {
    const refused = await careplan(
      ['send', '--to', withOfficeCheckDigit('132190079'), paths[0], '--json'],
      senderEnv,
    );
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout)).toMatchObject({ error: { status: expect.any(Number) } });
    expect((await careplan(['send', paths[0]], senderEnv)).code).toBe(2);
  });

  it('sends a JSON bundle (one .json file: records, not CSV files) and --wait follows it until delivered', async () => {
    const plan = planFor(sender.officeNumber, receiver.officeNumber);
    const documents = plan.map((file) => {
      const name = parseFileName(file.name)!;
      return {
        fileType: parseRecords(file).fileType,
        senderServiceKind: name.senderServiceKind!,
        receiverServiceKind: name.receiverServiceKind!,
        ...(name.yyyymm ? { yyyymm: name.yyyymm } : {}),
        records: parseRecords(file).records,
      };
    });
    const bundle = join(mkdtempSync(join(tmpdir(), 'careplan-json-')), 'bundle.json');
    writeFileSync(bundle, JSON.stringify({ documents, attachments: [] }));
    const submission = await json<{ status: string; files: { name: string }[]; report: unknown }>(
      ['send', '--to', receiver.officeNumber, '--wait', bundle],
      senderEnv,
    );
    expect(submission.status).toBe('delivered');
    expect(submission.report).toMatchObject({ ok: true });
    // Rendered under the standard's names, one file per document, in the order sent.
    expect(submission.files.map((f) => parseFileName(f.name)?.fileType)).toEqual(
      documents.map((d) => d.fileType),
    );
  });
});
