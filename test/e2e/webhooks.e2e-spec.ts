import { createHmac, randomInt } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { officeNumberCheckDigitValid } from '@careplan/spec';
import { buildFile, DEFAULT_PARTIES } from '@careplan/spec/testing';
import { eventually, gatewayUrl, getJson, Office, seedOffice, submit, Upload } from './support/api';
import { createAdmin, ops, registerLicensed } from './support/ops';
import { noPushPending, serviceCaughtUp } from './support/settled';
import { readState } from './support/state';
import { call } from './support/vendor';
import { Receiver } from './support/webhook-receiver';

const INTERNAL_TOKEN = 'local-internal-token-change-me';

/** A synchronous look at in-memory state, as the async probe `eventually` wants. */
const probe =
  <T>(read: () => T) =>
  (): Promise<T> =>
    Promise.resolve(read());

/** A fresh, valid office number in `prefecture`, so this file's offices hear only this file's pushes. */
function newOfficeNumber(prefecture: string): string {
  const body = `${prefecture}7${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  for (let d = 0; d <= 9; d++) if (officeNumberCheckDigitValid(`${body}${d}`)) return `${body}${d}`;
  throw new Error(`no check digit for ${body}`);
}

function planBundle(sender: string, receiver: string): Upload[] {
  const parties = { ...DEFAULT_PARTIES, sender, receiver };
  return (['UPPLAN', 'UPSIKYU', 'UPHOSOKU'] as const).map((t) => buildFile(t, { parties }));
}

async function configure(office: Office, url: string): Promise<Response> {
  return fetch(gatewayUrl('/v1/webhook'), {
    method: 'PUT',
    headers: { 'x-api-key': office.apiKey, 'content-type': 'application/json' },
    body: JSON.stringify({ url }),
  });
}

describe('webhooks', () => {
  const receivers: Receiver[] = [];
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: readState().databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await db.end();
  });

  const receiver = async () => {
    const r = await new Receiver().start();
    receivers.push(r);
    return r;
  };

  /** Configures the office's webhook and waits until the router has it; returns the secret. */
  async function hook(office: Office, url: string): Promise<string> {
    const res = await configure(office, url);
    expect(res.status).toBe(200);
    const { secret } = (await res.json()) as { secret: string };
    await eventually(
      () =>
        db
          .query<{ url: string }>('SELECT url FROM router.webhook_endpoints WHERE office_number = $1', [
            office.officeNumber,
          ])
          .then((r) => r.rows[0]?.url),
      (u) => u === url,
    );
    return secret;
  }

  function pair(prefecture = '13'): { sender: Office; to: Office } {
    return {
      sender: seedOffice(newOfficeNumber(prefecture), 'Webhook 居宅介護支援事業所'),
      to: seedOffice(newOfficeNumber(prefecture), 'Webhook 訪問介護事業所'),
    };
  }

  async function send(sender: Office, to: Office): Promise<string> {
    const res = await submit(sender, to.officeNumber, planBundle(sender.officeNumber, to.officeNumber));
    expect(res.status).toBe(202);
    return ((await res.json()) as { id: string }).id;
  }

  const internal = (path: string, init: RequestInit = {}) =>
    fetch(`${readState().internalUrls.router}${path}`, {
      ...init,
      headers: { 'x-internal-token': INTERNAL_TOKEN, 'content-type': 'application/json', ...init.headers },
    });

  interface DeadLetterPage {
    items: { id: string; officeNumber: string; event: string; attempts: number; lastError: string }[];
  }
  const deadLetters = (prefecture: string) =>
    internal(`/internal/v1/dead-letters?prefecture=${prefecture}`).then(
      (r) => r.json() as Promise<DeadLetterPage>,
    );

  it('lets an office set, read and remove its webhook, only with an http(s) URL', async () => {
    const { sender } = pair();
    expect((await getJson(sender, '/v1/webhook')).status).toBe(404);
    expect((await getJson<{ code: string }>(sender, '/v1/webhook')).body.code).toBe('WEBHOOK_NOT_CONFIGURED');

    const invalid = await configure(sender, 'ftp://vendor.example.jp/hook');
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { code: string }).code).toBe('WEBHOOK_URL_INVALID');

    const put = await configure(sender, 'https://vendor.example.jp/hook');
    expect(put.status).toBe(200);
    const created = (await put.json()) as { url: string; secret: string; createdAt: string };
    expect(created.url).toBe('https://vendor.example.jp/hook');
    expect(created.secret.length).toBeGreaterThanOrEqual(32);

    const got = await getJson(sender, '/v1/webhook');
    expect(got.body).toEqual({ url: created.url, createdAt: created.createdAt });

    const del = await fetch(gatewayUrl('/v1/webhook'), {
      method: 'DELETE',
      headers: { 'x-api-key': sender.apiKey },
    });
    expect(del.status).toBe(204);
    expect((await getJson(sender, '/v1/webhook')).status).toBe(404);
    // The router learns of the removal through Kafka and keeps no URL or secret for the office.
    const removed = await eventually(
      () =>
        db
          .query<{ url: string | null; secret: string | null }>(
            'SELECT url, secret FROM router.webhook_endpoints WHERE office_number = $1',
            [sender.officeNumber],
          )
          .then((r) => r.rows[0] ?? null),
      (row) => row !== null && row.url === null,
    );
    expect(removed).toEqual({ url: null, secret: null });
    const again = await fetch(gatewayUrl('/v1/webhook'), {
      method: 'DELETE',
      headers: { 'x-api-key': sender.apiKey },
    });
    expect(again.status).toBe(204);
  });

  it('refuses at PUT a URL into a private network (422) and a deactivated office (409)', async () => {
    const { sender } = pair();
    for (const url of [
      'http://169.254.169.254/latest/meta-data',
      'http://10.0.0.1/hook',
      'http://[fd00::1]/hook',
    ]) {
      const res = await configure(sender, url);
      expect({ url, status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({
        url,
        status: 422,
        code: 'WEBHOOK_URL_PRIVATE',
      });
    }
    expect((await getJson(sender, '/v1/webhook')).status).toBe(404);

    const admin = createAdmin('webhook-e2e');
    const closing = newOfficeNumber('14');
    await registerLicensed(admin, closing, 'Webhook 閉所予定');
    const key = (
      await ops<{ apiKey: string }>(admin, 'POST', `/ops/v1/offices/${closing}/keys`, { label: 'PC' })
    ).body.apiKey;
    await eventually(
      () => call(key, 'GET', '/v1/webhook').then((r) => r.status),
      (status) => status === 404,
    );
    expect((await ops(admin, 'POST', `/ops/v1/offices/${closing}/deactivate`)).status).toBe(200);
    const refused = await eventually(
      () => call<{ code: string }>(key, 'PUT', '/v1/webhook', { url: 'https://vendor.example.jp/hook' }),
      (r) => r.body.code === 'OFFICE_INACTIVE',
      30_000,
    );
    expect(refused.status).toBe(409);
  });

  it('pushes every lifecycle step, signed with the secret from PUT, each event once', async () => {
    const { sender, to } = pair();
    const [senderHook, receiverHook] = [await receiver(), await receiver()];
    const senderSecret = await hook(sender, senderHook.url);
    const receiverSecret = await hook(to, receiverHook.url);

    const submissionId = await send(sender, to);
    const [delivered] = await eventually(
      probe(() => receiverHook.of('delivery.delivered')),
      (c) => c.length > 0,
    );

    // The signature verifies over "<timestamp>.<raw body>" with the receiver's own secret.
    const timestamp = String(delivered.headers['x-careplan-timestamp']);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(120);
    const expected = createHmac('sha256', receiverSecret)
      .update(`${timestamp}.${delivered.raw}`)
      .digest('hex');
    expect(delivered.headers['x-careplan-signature']).toBe(`sha256=${expected}`);
    expect(delivered.headers['x-careplan-event']).toBe('delivery.delivered');
    expect(delivered.headers['x-careplan-event-id']).toBe(delivered.body.id);

    const data = delivered.body.data as {
      deliveryId: string;
      submissionId: string;
      from: string;
      to: string;
      files: { id: string; name: string; downloadUrl: string }[];
    };
    expect(data).toMatchObject({ submissionId, from: sender.officeNumber, to: to.officeNumber });
    expect(data.files).toHaveLength(3);

    // The download URL works for the receiver as it is.
    const file = await fetch(gatewayUrl(data.files[0].downloadUrl), { headers: { 'x-api-key': to.apiKey } });
    expect(file.status).toBe(200);
    // Downloading again (the same file, another one) is the receiver's own business: the sender hears of the first.
    for (const again of [data.files[0], data.files[1]]) {
      const res = await fetch(gatewayUrl(again.downloadUrl), { headers: { 'x-api-key': to.apiKey } });
      expect(res.status).toBe(200);
    }
    const ack = await fetch(gatewayUrl(`/v1/inbox/${data.deliveryId}/ack`), {
      method: 'POST',
      headers: { 'x-api-key': to.apiKey },
    });
    expect(ack.status).toBe(200);

    const steps = [
      'submission.validated',
      'delivery.delivered',
      'delivery.downloaded',
      'delivery.acknowledged',
    ];
    await eventually(
      probe(() => steps.map((s) => senderHook.of(s).length)),
      (counts) => counts.every((n) => n >= 1),
    );
    for (const call of senderHook.calls) {
      const ts = String(call.headers['x-careplan-timestamp']);
      const sig = createHmac('sha256', senderSecret).update(`${ts}.${call.raw}`).digest('hex');
      expect(call.headers['x-careplan-signature']).toBe(`sha256=${sig}`);
      expect((call.body.data as { submissionId: string }).submissionId).toBe(submissionId);
    }

    // Redeliver the acknowledged event to Kafka twice, exactly as it was: the router sees it again…
    const ackCall = senderHook.of('delivery.acknowledged')[0];
    const duplicatesBefore = await routerDuplicates();
    await republish('careplan.delivery.acknowledged.v1', `${sender.officeNumber}>${to.officeNumber}`, {
      eventId: ackCall.body.id,
      occurredAt: ackCall.body.occurredAt,
      deliveryId: data.deliveryId,
      submissionId,
      senderOfficeNumber: sender.officeNumber,
      receiverOfficeNumber: to.officeNumber,
    });
    await eventually(routerDuplicates, (n) => n >= duplicatesBefore + 2);
    // Both copies handled and committed, and no push of either office queued, waiting or in progress.
    await serviceCaughtUp('router-webhooks', [
      'careplan.delivery.downloaded.v1',
      'careplan.delivery.acknowledged.v1',
    ]);
    await noPushPending([sender.officeNumber, to.officeNumber]);
    // … and pushes nothing new: every event reached each endpoint exactly once, the repeat downloads never.
    expect(steps.map((s) => senderHook.of(s).length)).toEqual([1, 1, 1, 1]);
    expect(receiverHook.calls.map((c) => c.body.type)).toEqual(['delivery.delivered']);
  });

  it('never carries or keeps the signing secret in plain text: the event and the router hold it sealed', async () => {
    const { sender } = pair();
    const url = (await receiver()).url;
    const secret = await hook(sender, url);

    const message = await readTopicUntil(
      'careplan.webhook.configured.v1',
      (m) => m.key === sender.officeNumber,
    );
    expect(message.value).not.toContain(secret);
    const event = JSON.parse(message.value) as Record<string, unknown>;
    expect(event).toMatchObject({ officeNumber: sender.officeNumber, url });
    expect(event).not.toHaveProperty('secret');
    expect(event.secretSealed).toMatch(/^v1\./);

    const { rows } = await db.query<{ secret: string | null; secret_sealed: string }>(
      'SELECT secret, secret_sealed FROM router.webhook_endpoints WHERE office_number = $1',
      [sender.officeNumber],
    );
    expect(rows[0].secret).toBeNull();
    expect(rows[0].secret_sealed).not.toContain(secret);
  });

  it('tells the sender why its submission was rejected', async () => {
    const { sender, to } = pair();
    const hookOf = await receiver();
    await hook(sender, hookOf.url);
    const [plan] = planBundle(sender.officeNumber, to.officeNumber);
    const lines = Buffer.from(plan.bytes).toString('latin1').split('\r\n');
    lines[1] = lines[1].split(',').slice(0, 10).join(',');
    const res = await submit(sender, to.officeNumber, [
      { name: plan.name, bytes: Buffer.from(lines.join('\r\n'), 'latin1') },
    ]);
    expect(res.status).toBe(202);

    const [rejected] = await eventually(
      probe(() => hookOf.of('submission.rejected')),
      (c) => c.length > 0,
    );
    const report = rejected.body.data.report as {
      ok: boolean;
      errorCount: number;
      issues: { code: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.errorCount).toBeGreaterThan(0);
    expect(report.issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'COLUMN_COUNT' })]),
    );
  });

  it('retries an endpoint that is down and delivers once it is up', async () => {
    const { sender, to } = pair();
    const hookOf = await receiver();
    hookOf.respond = (n) => (n <= 2 ? 503 : 200);
    await hook(to, hookOf.url);

    await send(sender, to);
    const calls = await eventually(
      probe(() => hookOf.of('delivery.delivered')),
      (c) => c.some((x) => x.status === 200),
    );
    expect(calls.map((c) => c.status)).toEqual([503, 503, 200]);
    expect(new Set(calls.map((c) => c.body.id)).size).toBe(1);
    // Exponential backoff from 200 ms: the retries waited about 200 ms, then 400 ms.
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(150);
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(350);
    // The push is done for good (BullMQ runs a completed job no more): no attempt can follow the 200.
    await noPushPending([to.officeNumber]);
    expect(hookOf.calls).toHaveLength(3);
  });

  it('dead-letters a permanent failure, lists it by prefecture and delivers it once on replay', async () => {
    const { sender, to } = pair('27');
    const hookOf = await receiver();
    hookOf.respond = () => 410;
    await hook(to, hookOf.url);

    await send(sender, to);
    const page = await eventually(
      () => deadLetters('27'),
      (p) => p.items.some((d) => d.officeNumber === to.officeNumber),
    );
    const dead = page.items.find((d) => d.officeNumber === to.officeNumber)!;
    expect(dead).toMatchObject({ event: 'delivery.delivered', attempts: 1, lastError: 'HTTP 410' });
    expect(hookOf.calls).toHaveLength(1); // 4xx is permanent: not retried
    expect((await deadLetters('13')).items.some((d) => d.id === dead.id)).toBe(false);
    expect(
      (await internal('/internal/v1/dead-letters', { headers: { 'x-internal-token': 'wrong' } })).status,
    ).toBe(401);

    hookOf.respond = () => 204; // the office fixed its endpoint
    const replay = await internal('/internal/v1/dead-letters/replay', {
      method: 'POST',
      body: JSON.stringify({ ids: [dead.id] }),
    });
    expect(await replay.json()).toEqual({ replayed: 1 });
    await eventually(
      probe(() => hookOf.calls.length),
      (n) => n >= 2,
    );
    expect(hookOf.calls.map((c) => c.status)).toEqual([410, 204]);
    expect(hookOf.calls[1].body.id).toBe(hookOf.calls[0].body.id);

    const closed = await eventually(
      () =>
        db
          .query<{ replayed_at: Date | null }>(
            'SELECT replayed_at FROM router.webhook_dead_letters WHERE id = $1',
            [dead.id],
          )
          .then((r) => r.rows[0]?.replayed_at ?? null),
      (at) => at !== null,
    );
    expect(closed).toBeInstanceOf(Date);
    expect((await deadLetters('27')).items.some((d) => d.id === dead.id)).toBe(false);
    const again = await internal('/internal/v1/dead-letters/replay', {
      method: 'POST',
      body: JSON.stringify({ ids: [dead.id] }),
    });
    expect(await again.json()).toEqual({ replayed: 0 });
    // Had the second replay queued the push again, it would be pending or would have run by now.
    await noPushPending([to.officeNumber]);
    expect(hookOf.calls).toHaveLength(2);
  });

  it('dead-letters a push after its last attempt, and replays all of a prefecture', async () => {
    const { sender, to } = pair('40');
    const hookOf = await receiver();
    hookOf.respond = () => 500;
    await hook(to, hookOf.url);

    await send(sender, to);
    const page = await eventually(
      () => deadLetters('40'),
      (p) => p.items.some((d) => d.officeNumber === to.officeNumber),
    );
    expect(page.items.find((d) => d.officeNumber === to.officeNumber)).toMatchObject({
      attempts: 4,
      lastError: 'HTTP 500',
    });
    expect(hookOf.calls).toHaveLength(4);

    const invalid = await internal('/internal/v1/dead-letters/replay', { method: 'POST', body: '{}' });
    expect(invalid.status).toBe(422);

    hookOf.respond = () => 200;
    const replay = await internal('/internal/v1/dead-letters/replay', {
      method: 'POST',
      body: JSON.stringify({ all: true, prefecture: '40' }),
    });
    expect(((await replay.json()) as { replayed: number }).replayed).toBeGreaterThanOrEqual(1);
    await eventually(
      probe(() => hookOf.calls.filter((c) => c.status === 200).length),
      (n) => n === 1,
    );
    await eventually(
      () => deadLetters('40'),
      (p) => !p.items.some((d) => d.officeNumber === to.officeNumber),
    );
  });
});

/** How many events the router's webhook consumer has recognised as already processed. */
async function routerDuplicates(): Promise<number> {
  const text = await fetch(`${readState().urls.router}/metrics`).then((r) => r.text());
  return text
    .split('\n')
    .filter(
      (l) =>
        l.startsWith('careplan_kafka_messages_total{') &&
        l.includes('consumer="router-webhooks"') &&
        l.includes('outcome="duplicate"'),
    )
    .reduce((n, l) => n + Number(l.split(' ').pop()), 0);
}

/** Publishes `event` twice, as a redelivery by Kafka would present it. */
async function republish(topic: string, key: string, event: Record<string, unknown>): Promise<void> {
  const state = readState();
  const kafka = new Kafka({
    clientId: 'e2e-webhooks',
    brokers: state.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const producer = kafka.producer();
  await producer.connect();
  try {
    const value = JSON.stringify(event);
    await producer.send({
      topic: `${state.topicPrefix}${topic}`,
      messages: [
        { key, value },
        { key, value },
      ],
    });
  } finally {
    await producer.disconnect();
  }
}

/** Reads `topic` of this run from its start until a message matches (the broker keeps what was published). */
async function readTopicUntil(
  topic: string,
  match: (m: { key: string; value: string }) => boolean,
): Promise<{ key: string; value: string }> {
  const state = readState();
  const kafka = new Kafka({
    clientId: 'e2e-webhooks-reader',
    brokers: state.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  const consumer = kafka.consumer({ groupId: `${state.groupPrefix}.e2e-reader-${Date.now()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [`${state.topicPrefix}${topic}`], fromBeginning: true });
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message on ${topic}`)), 60_000);
      consumer
        .run({
          eachMessage: ({ message }) => {
            const m = {
              key: message.key?.toString('utf8') ?? '',
              value: message.value?.toString('utf8') ?? '',
            };
            if (match(m)) {
              clearTimeout(timer);
              resolve(m);
            }
            return Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}
