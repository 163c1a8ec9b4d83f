import { randomInt, randomUUID } from 'node:crypto';
import { Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { dlqTopicOf, Topics } from '@careplan/contracts';
import { buildFile, DEFAULT_PARTIES } from '@careplan/spec/testing';
import { eventually, gatewayUrl, seedOffice, submit } from './support/api';
import { consoleContext, launchBrowser, screenshot, seriousViolations } from './support/browser';
import { ConsoleAccount, enrolByApi, newPassword, signIn } from './support/console';
import { officeNo, ops, registerLicensed } from './support/ops';
import { readState } from './support/state';
import { runArchiveCli, serviceEnv } from './support/system';
import { Receiver } from './support/webhook-receiver';

interface Problem {
  code: string;
}
interface Created {
  token: string;
  setupUrl: string;
}

const run = randomInt(0, 100_000).toString().padStart(5, '0');
/** A fresh office number in `prefecture` (2 digits), unique to this run. */
const officeIn = (prefecture: string, n: number): string => officeNo(`${prefecture}7${run}${n}`.slice(0, 9));
const tokyoMonth = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit' }).format(
    new Date(),
  );
const digits = (text: string | null): string => (text ?? '').replace(/\D/g, '');

describe('the operations console in a browser (Debian Chromium, real services)', () => {
  const state = readState();
  let browser: Browser;
  let db: Client;
  let adminToken: string;
  let central: ConsoleAccount;
  let centralContext: BrowserContext;
  let page: Page;
  const receivers: Receiver[] = [];

  /** The page passes axe-core (no serious or critical violation) and is captured for the README. */
  async function checked(p: Page, name: string): Promise<void> {
    await p.getByTestId('loading').first().waitFor({ state: 'detached' });
    expect(await seriousViolations(p)).toEqual([]);
    await screenshot(p, name);
  }

  /** Waits for an action's outcome on the page: its notice, or the problem it met (which fails the test). */
  async function actionDone(p: Page, done = 'notice'): Promise<void> {
    const outcome = p.getByTestId(done).or(p.getByTestId('problem')).first();
    await outcome.waitFor();
    if ((await outcome.getAttribute('data-testid')) === 'problem')
      throw new Error(`the page shows a problem: ${await outcome.textContent()}`);
  }

  async function operator(role: 'central' | 'prefecture', prefecture?: string): Promise<Created> {
    const res = await ops<Created>(adminToken, 'POST', '/ops/v1/operators', {
      name: `e2e ${role} ${prefecture ?? ''} ${randomUUID().slice(0, 8)}`,
      role,
      ...(prefecture ? { prefecture } : {}),
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function signedInPage(account: ConsoleAccount): Promise<Page> {
    const context = await consoleContext(browser);
    const p = await context.newPage();
    await signIn(p, account);
    return p;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    db = new Client({ connectionString: state.databaseUrl });
    await db.connect();
    // The first central administrator, from the command operators use.
    const created = JSON.parse(
      runArchiveCli(['create-admin', `中央 管理者 ${run}`], {
        ...serviceEnv(state),
        CONSOLE_URL: `${state.urls.archive}/console/`,
      }),
    ) as Created;
    adminToken = created.token;
    centralContext = await consoleContext(browser);
    page = await centralContext.newPage();
    page.on('dialog', (d) => void d.accept());

    // Enrolment through the set-up page: the QR code, the authenticator's URI, a password and its first code.
    await page.goto(created.setupUrl);
    await page.getByTestId('setup-qr').waitFor();
    await checked(page, '01-setup');
    const uri = await page.getByTestId('setup-otpauth-uri').textContent();
    central = ConsoleAccount.fromUri(`中央 管理者 ${run}`, newPassword(), uri ?? '');
    await page.locator('#setup-password').fill(central.password);
    await page.locator('#setup-password-again').fill(central.password);
    await page.locator('#setup-code').fill(await central.nextCode());
    await page.getByTestId('setup-submit').click();
    await page.getByTestId('overview-submissions').waitFor();
  });

  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await browser?.close();
    await db?.end();
  });

  it('signs in with password and TOTP: the overview shows the four services and the last 24 hours', async () => {
    await expect(page.getByTestId('current-operator').textContent()).resolves.toContain(central.name);
    await eventually(
      () => page.getByTestId('service-gateway').getAttribute('data-status'),
      (s) => s === 'up',
    );
    for (const service of ['validator', 'router', 'archive'])
      expect(await page.getByTestId(`service-${service}`).getAttribute('data-status')).toBe('up');
    await page.getByTestId('overview-last24h').waitFor();
    await checked(page, '02-overview');

    // Signed out, a page sends the operator to sign-in; signing in again lands where they were going.
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/console\/sign-in/);
    await checked(page, '00-sign-in');
    await signIn(page, central);
  });

  it('locks a name after five wrong codes, even against the right one, and audits it', async () => {
    const created = await operator('prefecture', '27');
    const osaka = await enrolByApi(created.setupUrl);
    const context = await consoleContext(browser);
    const p = await context.newPage();
    for (let i = 1; i <= 4; i++) {
      await signIn(p, osaka, osaka.wrongCode());
      await eventually(
        () => p.getByTestId('problem').getAttribute('data-code'),
        (c) => c === 'CONSOLE_SIGN_IN_FAILED',
      );
    }
    await signIn(p, osaka, osaka.wrongCode());
    await p.getByTestId('sign-in-locked').waitFor();
    await signIn(p, osaka, await osaka.nextCode());
    await p.getByTestId('sign-in-locked').waitFor();
    expect(p.url()).toContain('/sign-in');
    await context.close();

    const audit = await ops<{ items: { action: string; operatorName: string }[] }>(
      adminToken,
      'GET',
      '/ops/v1/audit?limit=200',
    );
    const mine = audit.body.items.filter((e) => e.operatorName === osaka.name).map((e) => e.action);
    expect(mine).toEqual(expect.arrayContaining(['console.sign_in_failed', 'console.locked']));
  });

  it('registers an office (check digit as you type), licenses it, issues a key that works at the gateway', async () => {
    const number = officeIn('13', 1);
    await page.goto('offices');
    await page.locator('#register-number').fill(`${number.slice(0, 9)}${(Number(number[9]) + 1) % 10}`);
    expect(await page.getByTestId('register-number-state').getAttribute('data-state')).toBe('check-digit');
    expect(await page.getByTestId('office-register-submit').isDisabled()).toBe(true);
    await page.locator('#register-number').fill(number);
    expect(await page.getByTestId('register-number-state').getAttribute('data-state')).toBe('valid');
    await page.locator('#register-name').fill('コンソール 居宅介護支援事業所');
    await page.locator('#register-kind').fill('居宅介護支援');
    await page.getByTestId('office-register-submit').click();
    await actionDone(page);
    await checked(page, '03-offices');
    expect((await ops(adminToken, 'GET', `/ops/v1/offices/${number}`)).status).toBe(200);

    await page.goto(`offices/${number}`);
    await page.getByTestId('license-apply-submit').click();
    // The form gives way to the licence once it is applied for.
    await actionDone(page, 'license-state');
    await page.locator('#key-label').fill('受付PC');
    await page.getByTestId('key-issue-submit').click();
    const key = (await page.getByTestId('api-key-secret').textContent())?.trim() ?? '';
    expect(key.length).toBeGreaterThan(20);
    await checked(page, '04-office');
    // The licence reaches the gateway by event; the key then opens the vendor API for this office.
    const me = await eventually(
      () => fetch(gatewayUrl('/v1/me'), { headers: { 'x-api-key': key } }),
      (r) => r.status === 200,
    );
    expect(((await me.json()) as { officeNumber: string }).officeNumber).toBe(number);
  });

  it('adds a campaign (a fiscal year free) as data', async () => {
    const code = `FY2027_FREE_${run}`;
    await page.goto('campaigns');
    await page.locator('#campaign-code').fill(code);
    await page.locator('#campaign-name-ja').fill('2027年度 無料');
    await page.locator('#campaign-name-en').fill('FY2027 free');
    await page.locator('#campaign-from').fill('2027-04-01');
    await page.locator('#campaign-to').fill('2028-03-31');
    await page.locator('#campaign-free-months').check();
    await page.locator('#campaign-months').fill('12');
    await page.getByTestId('campaign-add-submit').click();
    await page.getByTestId(`campaign-row-${code}`).waitFor();
    await checked(page, '05-campaigns');
    const list = await ops<{ code: string; freeMonths: number | null }[]>(
      adminToken,
      'GET',
      '/ops/v1/campaigns',
    );
    expect(list.body.find((c) => c.code === code)).toMatchObject({ freeMonths: 12 });
  });

  it('keeps a prefecture-13 operator to prefecture 13: by list, by URL and by a hand-made request', async () => {
    const tokyo = officeIn('13', 2);
    const osaka = officeIn('27', 3);
    await registerLicensed(adminToken, tokyo, '東京 訪問介護');
    await registerLicensed(adminToken, osaka, '大阪 訪問介護');
    const created = await operator('prefecture', '13');
    const p = await signedInPage(await enrolByApi(created.setupUrl));

    await p.goto('offices');
    await p.getByTestId(`office-row-${tokyo}`).waitFor();
    expect(await p.getByTestId(`office-row-${osaka}`).count()).toBe(0);
    expect(await p.getByTestId('nav-operators').count()).toBe(0);

    const byApi = await ops<Problem>(created.token, 'GET', `/ops/v1/offices/${osaka}`);
    expect([403, 404]).toContain(byApi.status);
    await p.goto(`offices/${osaka}`);
    await eventually(
      () => p.getByTestId('problem').getAttribute('data-code'),
      (c) => c === byApi.body.code,
    );
    expect(await p.getByTestId('office-summary').count()).toBe(0);

    const handMade = await p.evaluate(async (path) => {
      const res = await fetch(path);
      return { status: res.status, body: (await res.json()) as { code: string } };
    }, `/ops/v1/offices/${osaka}`);
    expect(handMade).toEqual({
      status: byApi.status,
      body: expect.objectContaining({ code: byApi.body.code }),
    });
    await p.context().close();
  });

  it('shows billing totals equal to the API', async () => {
    const month = tokyoMonth();
    await registerLicensed(adminToken, officeIn('13', 4), '東京 通所介護', { billingMethod: 'invoice' });
    const api = await ops<{
      totals: { amountYen: number; byMethod: Record<'deduction' | 'invoice', { amountYen: number }> };
      lines: unknown[];
    }>(adminToken, 'GET', `/ops/v1/billing/statements?prefecture=13&month=${month}`);
    expect(api.status).toBe(200);
    expect(api.body.lines.length).toBeGreaterThan(0);

    await page.goto(`billing?prefecture=13&month=${month}`);
    await page.getByTestId('billing-totals').waitFor();
    for (const m of ['deduction', 'invoice'] as const)
      expect(digits(await page.getByTestId(`billing-total-${m}`).locator('.figure').textContent())).toBe(
        String(api.body.totals.byMethod[m].amountYen),
      );
    expect(digits(await page.getByTestId('billing-totals').locator('.figure').first().textContent())).toBe(
      String(api.body.totals.amountYen),
    );
    const csv = await page.getByTestId('billing-csv-ms932').getAttribute('href');
    expect(csv).toContain('ms932');
    await checked(page, '06-billing');
  });

  it('replays a webhook dead letter from the page and the office receives the push', async () => {
    const sender = seedOffice(officeIn('40', 5), 'Console 居宅介護支援事業所');
    const to = seedOffice(officeIn('40', 6), 'Console 訪問介護事業所');
    const hook = await new Receiver().start();
    receivers.push(hook);
    hook.respond = () => 410;
    const put = await fetch(gatewayUrl('/v1/webhook'), {
      method: 'PUT',
      headers: { 'x-api-key': to.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ url: hook.url }),
    });
    expect(put.status).toBe(200);
    await eventually(
      () =>
        db
          .query('SELECT 1 FROM router.webhook_endpoints WHERE office_number = $1', [to.officeNumber])
          .then((r) => r.rowCount),
      (n) => n === 1,
    );
    const parties = { ...DEFAULT_PARTIES, sender: sender.officeNumber, receiver: to.officeNumber };
    const files = (['UPPLAN', 'UPSIKYU', 'UPHOSOKU'] as const).map((t) => buildFile(t, { parties }));
    expect((await submit(sender, to.officeNumber, files)).status).toBe(202);
    const dead = await eventually(
      () =>
        ops<{ items: { id: string; officeNumber: string }[] }>(
          adminToken,
          'GET',
          '/ops/v1/dead-letters?prefecture=40',
        ).then((r) => r.body.items.find((d) => d.officeNumber === to.officeNumber)),
      (d) => d !== undefined,
    );

    hook.respond = () => 204; // the office fixed its endpoint
    await page.goto('dead-letters?prefecture=40');
    await page.getByTestId(`dead-letter-row-${dead!.id}`).waitFor();
    await checked(page, '07-dead-letters');
    await page.getByTestId(`replay-${dead!.id}`).click();
    await eventually(
      () => Promise.resolve(hook.calls.map((c) => c.status)),
      (s) => s.length === 2,
    );
    expect(hook.calls.map((c) => c.status)).toEqual([410, 204]);
    await eventually(
      () => page.getByTestId(`dead-letter-row-${dead!.id}`).count(),
      (n) => n === 0,
    );
  });

  it('replays a Kafka .dlq message from the page back onto its topic', async () => {
    const kafka = new Kafka({
      clientId: 'e2e-console',
      brokers: state.kafkaBrokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    const topic = `${state.topicPrefix}${Topics.DeliveryDownloaded}`;
    const seen: KafkaMessage[] = [];
    const consumer = kafka.consumer({ groupId: `${state.groupPrefix}.e2e-console-watch` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({ eachMessage: ({ message }) => Promise.resolve(void seen.push(message)) });
    const producer = kafka.producer();
    await producer.connect();
    const eventId = randomUUID();
    try {
      await producer.send({
        topic: `${state.topicPrefix}${dlqTopicOf(Topics.DeliveryDownloaded)}`,
        acks: -1,
        messages: [
          {
            key: '1371201367>1371500420',
            value: JSON.stringify({
              eventId,
              occurredAt: new Date().toISOString(),
              deliveryId: randomUUID(),
              submissionId: randomUUID(),
              senderOfficeNumber: '1371201367',
              receiverOfficeNumber: '1371500420',
            }),
            headers: {
              'x-error': 'QueryFailedError: connect ECONNREFUSED',
              'x-attempts': '5',
              'x-consumer': 'gateway-receipts',
              'x-original-topic': topic,
              'x-failed-at': new Date().toISOString(),
            },
          },
        ],
      });
      const message = await eventually(
        () =>
          ops<{ items: { id: string; eventId: string | null }[] }>(
            adminToken,
            'GET',
            '/ops/v1/dlq?limit=200',
          ).then((r) => r.body.items.find((m) => m.eventId === eventId)),
        (m) => m !== undefined,
      );
      await page.goto('dead-letters?tab=kafka');
      await page.getByTestId(`dlq-row-${message!.id}`).waitFor();
      await checked(page, '08-kafka-dlq');
      await page.getByTestId(`replay-${message!.id}`).click();
      await eventually(
        () => Promise.resolve(seen.filter((m) => m.value?.toString('utf8').includes(eventId)).length),
        (n) => n === 1,
      );
      const after = await ops<{ items: { eventId: string | null; replayedAt: string | null }[] }>(
        adminToken,
        'GET',
        '/ops/v1/dlq?limit=200',
      );
      expect(after.body.items.find((m) => m.eventId === eventId)?.replayedAt).not.toBeNull();
    } finally {
      await producer.disconnect();
      await consumer.disconnect();
    }
  });

  it('passes axe-core on every other page, in Japanese, and switches to English', async () => {
    for (const [path, testId, name] of [
      ['licenses', 'licenses-table', '09-licenses'],
      ['adoption', 'adoption-prefectures', '10-adoption'],
      ['audit', 'audit-table', '11-audit'],
      ['operators', 'operators-table', '12-operators'],
    ] as const) {
      await page.goto(path);
      await page.getByTestId(testId).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('ja');
      await checked(page, name);
    }
    await page.getByTestId('lang-switch').click();
    await eventually(
      () => page.locator('html').getAttribute('lang'),
      (l) => l === 'en',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('lang-switch').click();
  });

  it('sends the operator to sign-in when the session has expired', async () => {
    const p = await signedInPage(central);
    await p.goto('offices');
    await p.getByTestId('offices-table').waitFor();
    // No request in flight: one that had read the session would save it again, as activity, after the update.
    await p.waitForLoadState('networkidle');
    // What the idle timeout does after 30 minutes, without waiting for them.
    await db.query(
      `UPDATE archive.console_sessions SET expires_at = now() - interval '1 second'
        WHERE operator_id = (SELECT id FROM archive.operators WHERE name = $1)`,
      [central.name],
    );
    await p.goto('audit');
    await p.waitForURL(/\/console\/sign-in/);
    await p.getByTestId('session-expired').waitFor();
    const res = await p.evaluate(async () => (await fetch('/ops/v1/me')).status);
    expect(res).toBe(401);
    await p.context().close();
  });
});
