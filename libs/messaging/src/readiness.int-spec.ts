import { createServer } from 'node:net';
import { DataSource } from 'typeorm';
import { MetricsService, ReadinessService } from '@careplan/platform';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { migratedDataSource, postgresReadiness } from '@careplan/persistence';
import { kafkaReadiness } from './messaging.module';
import { KafkaService } from './kafka.service';

/** A port nothing listens on: a broker that is down. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe("every service's readiness on the real PostgreSQL, with Kafka down", () => {
  let db: TestDatabase;
  let ds: DataSource;
  let kafka: KafkaService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [{ schema: 'it_ready', entities: [], migrations: [] }]);
    kafka = new KafkaService({
      brokers: [`127.0.0.1:${await closedPort()}`],
      clientId: 'it-ready',
      topicPrefix: '',
      groupPrefix: 'it-ready',
      topics: [],
    });
  });

  afterAll(async () => {
    await kafka.onApplicationShutdown();
    if (ds.isInitialized) await ds.destroy();
    await db.drop();
  });

  it('is degraded, not unready, while Kafka is down, and unready once its database is gone', async () => {
    const readiness = new ReadinessService(
      [postgresReadiness(ds), kafkaReadiness(kafka)],
      new MetricsService('it'),
    );
    const degraded = await readiness.evaluate();
    expect(degraded.status).toBe('degraded');
    expect(Object.keys(degraded.error)).toEqual(['kafka']);
    expect(degraded.info.postgres).toEqual({ status: 'up', critical: true });

    await ds.destroy();
    expect((await readiness.evaluate()).status).toBe('error');
  });
});
