// The quick-start demo: a care-manager office sends next month's plan (第6表, 第7表, 利用者補足情報) and a
// monitoring sheet PDF to a home-help provider; the provider receives, downloads and acknowledges it;
// both offices' history shows the exchange. Needs the four services running (npm start does that).
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { buildBundle, CARE_OFFICE, HOME_HELP_OFFICE } from '@careplan/spec/testing';
import { runTool, seederFromEnv, toolsEnv } from './lib/tools.env';

interface Json {
  [key: string]: unknown;
}

runTool('demo', async () => {
  const env = toolsEnv();
  const seeder = seederFromEnv(env);
  const sender = await seeder.seed(CARE_OFFICE, 'しんじゅく居宅介護支援事業所');
  const receiver = await seeder.seed(HOME_HELP_OFFICE, 'ひまわり訪問介護ステーション');
  const call = async (key: string, path: string, init: RequestInit = {}): Promise<Response> => {
    const res = await fetch(new URL(path, env.GATEWAY_URL), {
      ...init,
      headers: { 'x-api-key': key, ...init.headers },
    });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${await res.text()}`);
    return res;
  };
  const json = async (key: string, path: string, init?: RequestInit) =>
    (await (await call(key, path, init)).json()) as Json;

  const files = [
    ...buildBundle('plan'),
    {
      name: 'モニタリングシート.pdf',
      bytes: Buffer.from('%PDF-1.4\n% demo monitoring sheet\n%%EOF\n', 'latin1'),
    },
  ];
  const form = new FormData();
  form.append('to', receiver.officeNumber);
  for (const f of files) form.append('files', new Blob([Buffer.from(f.bytes)]), f.name);
  const accepted = await json(sender.apiKey, '/v1/submissions', { method: 'POST', body: form });
  say(
    `送信 sent: ${sender.officeNumber} → ${receiver.officeNumber}, ${files.length} files, submission ${String(accepted.id)}`,
  );

  const submission = await poll(
    () => json(sender.apiKey, `/v1/submissions/${String(accepted.id)}`),
    (s) => ['delivered', 'rejected'].includes(String(s.status)),
  );
  if (submission.status !== 'delivered')
    throw new Error(`demo bundle was ${String(submission.status)}: ${JSON.stringify(submission.report)}`);
  say(`配信済み delivered: ${JSON.stringify(submission.timeline)}`);

  const inbox = await json(receiver.apiKey, '/v1/inbox');
  const entry = (inbox.items as Json[]).find((i) => i.submissionId === accepted.id);
  if (!entry) throw new Error('the delivery is not in the receiver inbox');
  for (const file of entry.files as Json[]) {
    const res = await call(receiver.apiKey, `/v1/inbox/${String(entry.id)}/files/${String(file.id)}`);
    const sha = createHash('sha256')
      .update(Buffer.from(await res.arrayBuffer()))
      .digest('hex');
    say(
      `受信 downloaded ${String(file.name)} (${String(file.size)} bytes) sha256 ${sha === file.sha256 ? 'matches' : 'DIFFERS'}`,
    );
  }
  await call(receiver.apiKey, `/v1/inbox/${String(entry.id)}/ack`, { method: 'POST' });
  say('取込完了 acknowledged by the receiver');

  for (const [label, office] of [
    ['sender', sender],
    ['receiver', receiver],
  ] as const) {
    const history = await poll(
      () => json(office.apiKey, '/v1/history'),
      (h) => (h.items as Json[]).some((i) => i.submissionId === accepted.id && i.event === 'acknowledged'),
    );
    const steps = (history.items as Json[])
      .filter((i) => i.submissionId === accepted.id)
      .map((i) => String(i.event))
      .reverse();
    say(`履歴 history of the ${label} ${office.officeNumber}: ${steps.join(' → ')}`);
  }
});

function say(line: string): void {
  process.stdout.write(`demo: ${line}\n`);
}

async function poll(
  probe: () => Promise<Json>,
  done: (v: Json) => boolean,
  timeoutMs = 60_000,
): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
