import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { migratedDataSource } from '@careplan/persistence';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { routerDatabase } from '../database/router.database';
import { WebhookPushesRepository } from './webhook-pushes.repository';

const OFFICE = '1310000005';

describe('the record of sent webhook pushes (real PostgreSQL)', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let pushes: WebhookPushesRepository;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [routerDatabase]);
    pushes = new WebhookPushesRepository(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  const job = () => ({ jobId: `job-${randomUUID()}`, eventId: randomUUID() });

  it('lets one attempt claim a push while its lease runs, the next one after a release', async () => {
    const { jobId, eventId } = job();
    const first = await pushes.claim(jobId, eventId, OFFICE, 60_000);
    expect(first.state).toBe('claimed');
    expect(await pushes.claim(jobId, eventId, OFFICE, 60_000)).toEqual({ state: 'in-flight' });
    if (first.state !== 'claimed') throw new Error('unreachable');
    await pushes.release(jobId, randomUUID()); // another run's token: its claim stays
    expect(await pushes.claim(jobId, eventId, OFFICE, 60_000)).toEqual({ state: 'in-flight' });
    await pushes.release(jobId, first.token);
    expect((await pushes.claim(jobId, eventId, OFFICE, 60_000)).state).toBe('claimed');
  });

  it('hands an expired lease to the next attempt', async () => {
    const { jobId, eventId } = job();
    expect((await pushes.claim(jobId, eventId, OFFICE, -1_000)).state).toBe('claimed');
    expect((await pushes.claim(jobId, eventId, OFFICE, 60_000)).state).toBe('claimed');
  });

  it('never claims a delivered push again, and prunes it once old enough', async () => {
    const { jobId, eventId } = job();
    await pushes.claim(jobId, eventId, OFFICE, 60_000);
    await pushes.markDelivered(jobId);
    expect(await pushes.claim(jobId, eventId, OFFICE, -1_000)).toEqual({ state: 'delivered' });
    expect(await pushes.prune(1)).toBe(0);
    await ds.query(
      `UPDATE "router"."webhook_pushes" SET delivered_at = now() - interval '2 days' WHERE job_id = $1`,
      [jobId],
    );
    expect(await pushes.prune(1)).toBe(1);
    expect((await pushes.claim(jobId, eventId, OFFICE, 60_000)).state).toBe('claimed');
  });
});
