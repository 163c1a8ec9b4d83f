import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AddressInfo, createServer, Server, Socket, connect } from 'node:net';
import { DataSource } from 'typeorm';
import { KafkaService, OutboxRelay } from '@careplan/messaging';
import { migratedDataSource, storageDatabase } from '@careplan/persistence';
import { MetricsService, ProblemFilter } from '@careplan/platform';
import { CARE_OFFICE, HOME_HELP_OFFICE, buildFile } from '@careplan/spec/testing';
import { createTestDatabase, kafkaBrokers, TestDatabase } from '@careplan/testing';
import { gatewayDatabase } from '../database/gateway.database';
import { OfficesService } from '../offices/offices.service';
import { SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';
import { registeredOffice } from '../registry/registry.testing';
import { CARE_SENDER, officesServiceOn } from '../offices/offices.testing';

/**
 * A TCP proxy in front of the real PostgreSQL that, once armed, forwards the next accepting statement (which
 * commits on its own) to the server and drops the client's connection before the server's answer gets back:
 * the write commits, the client never learns it.
 */
function commitCuttingProxy(target: URL): Promise<{ server: Server; url: string; arm(): void }> {
  let armed = false;
  const server = createServer((client: Socket) => {
    const upstream = connect(Number(target.port || 5432), target.hostname);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('data', (chunk: Buffer) => {
      if (armed && chunk.includes('gateway-accept-')) {
        armed = false;
        upstream.prependOnceListener('data', close);
      }
      upstream.write(chunk);
    });
    for (const s of [client, upstream]) {
      s.on('error', close);
      s.on('close', close);
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const url = new URL(target);
      url.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({ server, url: url.toString(), arm: () => (armed = true) });
    }),
  );
}

describe('a submission whose COMMIT answer is lost, on the real PostgreSQL', () => {
  let db: TestDatabase;
  let direct: DataSource;
  let proxied: DataSource;
  let proxy: Awaited<ReturnType<typeof commitCuttingProxy>>;
  const services = (ds: DataSource, offices: OfficesService) => {
    const kafka = new KafkaService({
      brokers: kafkaBrokers(),
      clientId: 'it-outcome',
      topicPrefix: `it${randomBytes(4).toString('hex')}.`,
      groupPrefix: 'it',
      topics: [],
    });
    // The relay is never started: only what is committed is looked at.
    return new SubmissionsService(
      offices,
      new OutboxRelay(ds, kafka, 'gateway'),
      new MetricsService('it'),
      new SubmissionsRepository(ds),
    );
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase();
    direct = await migratedDataSource(db.url, [storageDatabase, gatewayDatabase]);
    await registeredOffice(direct, CARE_OFFICE, '居宅');
    await registeredOffice(direct, HOME_HELP_OFFICE, '訪問介護');
    proxy = await commitCuttingProxy(new URL(db.url));
    proxied = await migratedDataSource(proxy.url, [storageDatabase, gatewayDatabase]);
  });

  afterAll(async () => {
    await proxied.destroy();
    await direct.destroy();
    proxy.server.close();
    await db.drop();
  });

  it('answers 503 OUTCOME_UNKNOWN, and the retry with the same Idempotency-Key stores it once', async () => {
    const sender = CARE_SENDER;
    const file = buildFile('UPPLAN');
    const bundle = { to: HOME_HELP_OFFICE, files: [{ rawName: file.name, bytes: Buffer.from(file.bytes) }] };

    proxy.arm();
    const failure = await services(proxied, officesServiceOn(proxied))
      .accept(sender, bundle, 'retry-me')
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(failure).not.toBeNull();
    expect(new ProblemFilter().toProblem(failure, '/v1/submissions', 'POST')).toMatchObject({
      status: 503,
      code: 'OUTCOME_UNKNOWN',
    });

    // It had committed: a client that took the answer for a plain failure and sent again without the key
    // would have sent twice. With the key, the retry answers the stored submission.
    const stored = () =>
      direct.query<{ id: string }[]>(`SELECT id FROM gateway.submissions WHERE idempotency_key = 'retry-me'`);
    expect(await stored()).toHaveLength(1);
    const retry = await services(direct, officesServiceOn(direct)).accept(sender, bundle, 'retry-me');
    expect(retry.replayed).toBe(true);
    expect(await stored()).toEqual([{ id: retry.submission.id }]);
  });
});
