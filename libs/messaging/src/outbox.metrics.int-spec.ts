import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MetricsService } from '@careplan/platform';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { addToOutbox } from './outbox';
import { OutboxMetrics } from './outbox.metrics';
import { ping, pingDataSource, PingEvent } from './testing/ping.fixture';

const SCHEMA = 'it_outbox_metrics';

describe('outbox metrics on the real PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await pingDataSource(db.url, SCHEMA);
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  function value(text: string, name: string): number {
    const m = new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'm').exec(text);
    return m ? Number(m[1]) : NaN;
  }

  it('reports the unpublished rows and the age of the oldest at scrape time', async () => {
    const metrics = new MetricsService('it');
    new OutboxMetrics(ds, metrics, SCHEMA);
    let text = await metrics.registry.metrics();
    expect(value(text, 'careplan_outbox_backlog')).toBe(0);
    expect(value(text, 'careplan_outbox_oldest_age_seconds')).toBe(0);

    await ds.transaction(async (m) => {
      for (let i = 0; i < 3; i++) await addToOutbox(m, SCHEMA, PingEvent, randomUUID(), ping(`p${i}`));
    });
    await ds.query(
      `UPDATE "${SCHEMA}"."outbox" SET created_at = now() - interval '90 seconds' WHERE id = (SELECT min(id) FROM "${SCHEMA}"."outbox")`,
    );
    text = await metrics.registry.metrics();
    expect(value(text, 'careplan_outbox_backlog')).toBe(3);
    expect(value(text, 'careplan_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(90);
  });
});
