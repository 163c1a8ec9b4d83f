import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OPERATOR_NAME_MAX_LENGTH } from '@careplan/contracts';
import type { IssuedOfficeKeyDto, KeyRevocationDto, OfficeKeyDto } from '@careplan/contracts';
import type { AppException } from '@careplan/platform';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { KafkaService, OutboxRelay } from '@careplan/messaging';
import { migratedDataSource } from '@careplan/persistence';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { archiveDatabase } from '../database/archive.database';
import type { OperatorContext } from '../operators/operator-scope';
import { GatewayKeysClient } from './gateway-keys.client';
import { RegistryService } from './registry.service';
import { RegistryOfficeRepository } from './registry-office.repository';

const TOKEN = 'it-internal-token-of-32-characters!';
const TOKYO_OFFICE = withOfficeCheckDigit('131297001');
const CLOSED_OFFICE = withOfficeCheckDigit('131297002');
const central: OperatorContext = { id: randomUUID(), name: '中央', role: 'central', prefecture: null };
const osaka: OperatorContext = { id: randomUUID(), name: '大阪府', role: 'prefecture', prefecture: '27' };

interface Seen {
  method: string;
  url: string;
  token: string | undefined;
  body: unknown;
}

const key = (over: Partial<OfficeKeyDto> = {}): OfficeKeyDto => ({
  id: randomUUID(),
  officeNumber: TOKYO_OFFICE,
  keyPrefix: 'cpx_AbCdEfGh',
  label: '受付PC',
  role: 'admin',
  createdAt: '2026-12-01T00:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

const readBody = async (req: IncomingMessage): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
};

/**
 * The operators' side of API keys: the archive checks scope and the registry, asks the gateway (here a
 * stand-in answering the internal key contract over real HTTP), and audits in its own database.
 */
describe('registry keys through the gateway (real PostgreSQL, the gateway over HTTP)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let gateway: Server;
  let gatewayUrl: string;
  let seen: Seen[] = [];
  let answer: (s: Seen) => [number, unknown] = () => [500, {}];
  let registry: RegistryService;

  const audit = (target: string) =>
    ds.manager.find(AuditEntryEntity, { where: { target }, order: { id: 'ASC' } });
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'resolved',
      (e: AppException) => e.code,
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [archiveDatabase]);
    gateway = createServer((req, res) => {
      void readBody(req).then((body) => {
        const s = {
          method: req.method ?? '',
          url: req.url ?? '',
          token: req.headers['x-internal-token'] as string,
          body,
        };
        seen.push(s);
        const [status, payload] = answer(s);
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
    registry = new RegistryService(
      ds,
      new OutboxRelay(ds, {} as KafkaService, 'archive'),
      new RegistryOfficeRepository(),
      new GatewayKeysClient({ baseUrl: gatewayUrl, internalToken: TOKEN }),
    );
    await ds.transaction(async (m) => {
      await registry.ensure(m, TOKYO_OFFICE, '東京居宅', '居宅介護支援');
      await registry.ensure(m, CLOSED_OFFICE, '閉所', '訪問介護');
    });
    await registry.deactivate(central, CLOSED_OFFICE);
  });

  beforeEach(() => {
    seen = [];
  });

  afterAll(async () => {
    await new Promise((r) => gateway.close(r));
    await ds?.destroy();
    await db?.drop();
  });

  it('issues the key in the gateway with the internal token and audits it', async () => {
    const issued: IssuedOfficeKeyDto = { ...key(), apiKey: 'cpx_AbCdEfGh-the-rest' };
    answer = () => [201, issued];
    expect(await registry.issueKey(central, TOKYO_OFFICE, '受付PC')).toEqual(issued);
    expect(seen).toEqual([
      {
        method: 'POST',
        url: `/internal/v1/offices/${TOKYO_OFFICE}/keys`,
        token: TOKEN,
        // The operator, by id and name only (not its role or prefecture): the office's audit trail names it.
        body: { label: '受付PC', operator: { id: central.id, name: '中央' } },
      },
    ]);
    const [entry] = (await audit(TOKYO_OFFICE)).filter((a) => a.action === 'key.issue');
    expect(entry).toMatchObject({
      operatorName: '中央',
      prefecture: '13',
      details: { keyId: issued.id, keyPrefix: 'cpx_AbCdEfGh', label: '受付PC' },
    });
  });

  it('lists the gateway keys of a visible office, and asks nothing for an office out of scope or closed', async () => {
    const items = [key(), key({ revokedAt: '2026-12-02T00:00:00.000Z' })];
    answer = () => [200, { items }];
    expect(await registry.listKeys(central, TOKYO_OFFICE)).toEqual(items);
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      `GET /internal/v1/offices/${TOKYO_OFFICE}/keys`,
    ]);

    seen = [];
    expect(await codeOf(registry.listKeys(osaka, TOKYO_OFFICE))).toBe('OFFICE_NOT_FOUND');
    expect(await codeOf(registry.issueKey(osaka, TOKYO_OFFICE, 'x'))).toBe('OFFICE_NOT_FOUND');
    expect(await codeOf(registry.issueKey(central, CLOSED_OFFICE, 'x'))).toBe('OFFICE_INACTIVE');
    expect(await codeOf(registry.revokeKey(central, TOKYO_OFFICE, 'not-a-uuid'))).toBe('API_KEY_NOT_FOUND');
    expect(seen).toEqual([]);
    expect((await audit(CLOSED_OFFICE)).map((a) => a.action)).toEqual(['office.deactivate']);
  });

  it('audits a revocation once: a repeat the gateway answers revokedNow false is not audited again', async () => {
    const revoked = key({ revokedAt: '2026-12-03T00:00:00.000Z' });
    let revokedNow = true;
    answer = (): [number, KeyRevocationDto] => [200, { key: revoked, revokedNow }];
    expect(await registry.revokeKey(central, TOKYO_OFFICE, revoked.id)).toEqual(revoked);
    revokedNow = false;
    expect(await registry.revokeKey(central, TOKYO_OFFICE, revoked.id)).toEqual(revoked);
    expect(seen.map((s) => [`${s.method} ${s.url}`, s.body])).toEqual([
      [
        `POST /internal/v1/offices/${TOKYO_OFFICE}/keys/${revoked.id}/revoke`,
        { operator: { id: central.id, name: '中央' } },
      ],
      [
        `POST /internal/v1/offices/${TOKYO_OFFICE}/keys/${revoked.id}/revoke`,
        { operator: { id: central.id, name: '中央' } },
      ],
    ]);
    const revocations = (await audit(TOKYO_OFFICE)).filter((a) => a.action === 'key.revoke');
    expect(revocations.map((a) => a.details)).toEqual([{ keyId: revoked.id }]);
  });

  it("clips a long operator name (the first administrator's, from the command line) to what the gateway takes", async () => {
    const long: OperatorContext = { ...central, name: '長'.repeat(OPERATOR_NAME_MAX_LENGTH + 50) };
    answer = () => [201, { ...key(), apiKey: 'cpx_x' }];
    await registry.issueKey(long, TOKYO_OFFICE, '長い名前');
    expect(seen[0].body).toMatchObject({
      operator: { id: central.id, name: '長'.repeat(OPERATOR_NAME_MAX_LENGTH) },
    });
  });

  it("passes the gateway's problems on, answers 503 when it cannot be reached, and audits neither", async () => {
    const before = (await audit(TOKYO_OFFICE)).length;
    answer = () => [
      409,
      { status: 409, code: 'API_KEY_LIMIT_REACHED', message: { ja: '上限', en: 'limit' }, limit: 100 },
    ];
    const limited = await registry.issueKey(central, TOKYO_OFFICE, 'x').catch((e: AppException) => e);
    expect(limited).toMatchObject({ code: 'API_KEY_LIMIT_REACHED', status: 409, extra: { limit: 100 } });
    answer = () => [404, { status: 404, code: 'API_KEY_NOT_FOUND', message: { ja: 'なし', en: 'none' } }];
    expect(await codeOf(registry.revokeKey(central, TOKYO_OFFICE, randomUUID()))).toBe('API_KEY_NOT_FOUND');

    const nowhere = new RegistryService(
      ds,
      new OutboxRelay(ds, {} as KafkaService, 'archive'),
      new RegistryOfficeRepository(),
      new GatewayKeysClient({ baseUrl: 'http://127.0.0.1:1', internalToken: TOKEN }),
    );
    expect(await codeOf(nowhere.issueKey(central, TOKYO_OFFICE, 'x'))).toBe('API_KEYS_UNAVAILABLE');
    expect(await codeOf(nowhere.listKeys(central, TOKYO_OFFICE))).toBe('API_KEYS_UNAVAILABLE');
    expect((await audit(TOKYO_OFFICE)).length).toBe(before);
  });
});
