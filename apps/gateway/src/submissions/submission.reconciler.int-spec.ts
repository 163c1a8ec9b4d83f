import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SubmissionReceivedEvent } from '@careplan/contracts';
import { KafkaService, OutboxRelay } from '@careplan/messaging';
import { migratedDataSource, storageDatabase } from '@careplan/persistence';
import { MetricsService } from '@careplan/platform';
import { CARE_OFFICE, DEFAULT_PARTIES, HOME_HELP_OFFICE, buildFile } from '@careplan/spec/testing';
import { createTestDatabase, kafkaBrokers, TestDatabase } from '@careplan/testing';
import { GatewayEnv } from '../config/gateway.env';
import { gatewayDatabase } from '../database/gateway.database';
import { MEMBER_KEY, officesServiceOn } from '../offices/offices.testing';
import { SubmissionReconciler } from './submission.reconciler';
import { SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';
import { registeredOffice } from '../registry/registry.testing';

describe('the submission reconciler, on the real PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let service: SubmissionsService;
  let reconciler: SubmissionReconciler;
  let metrics: MetricsService;
  const sender = {
    officeNumber: CARE_OFFICE,
    name: '居宅',
    licenseActive: true,
    apiKeyId: randomUUID(),
    apiKeyLabel: '受付PC',
    ...MEMBER_KEY,
  };
  let serial = 0;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase, gatewayDatabase]);
    // The relay is never started: re-driven events stay in the outbox, where they are checked.
    const kafka = new KafkaService({
      brokers: kafkaBrokers(),
      clientId: 'it-reconcile',
      topicPrefix: `it${randomBytes(4).toString('hex')}.`,
      groupPrefix: 'it',
      topics: [],
    });
    const relay = new OutboxRelay(ds, kafka, 'gateway');
    const offices = officesServiceOn(ds);
    await registeredOffice(ds, CARE_OFFICE, '居宅');
    await registeredOffice(ds, HOME_HELP_OFFICE, '訪問介護');
    metrics = new MetricsService('it');
    const submissions = new SubmissionsRepository(ds);
    service = new SubmissionsService(offices, relay, metrics, submissions);
    const env = Object.assign(new GatewayEnv(), { RECONCILE_AFTER_SECONDS: 120 });
    reconciler = new SubmissionReconciler(ds, relay, metrics, env, submissions);
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  /** Accepts a bundle, then moves it back in time and sets its status as if its events had gone their way. */
  async function submission(status: string, minutesAgo: number): Promise<string> {
    const file = buildFile('UPPLAN', {
      parties: { ...DEFAULT_PARTIES, serial: `2025042511${String(++serial).padStart(4, '0')}` },
    });
    const { submission: s } = await service.accept(sender, {
      to: HOME_HELP_OFFICE,
      files: [
        { rawName: file.name, bytes: Buffer.from(file.bytes) },
        { rawName: 'memo.txt', bytes: Buffer.from('memo') },
      ],
    });
    const at = `accepted_at - make_interval(mins => ${minutesAgo})`;
    await ds.query(
      `UPDATE gateway.submissions SET status = $2::varchar, accepted_at = ${at},
              validated_at = CASE WHEN $2::varchar <> 'accepted' THEN ${at} END,
              delivered_at = CASE WHEN $2::varchar = 'delivered' THEN ${at} END
        WHERE id = $1`,
      [s.id, status],
    );
    return s.id;
  }

  /** The received events in the outbox for one submission, oldest first. */
  const receivedEvents = async (submissionId: string): Promise<SubmissionReceivedEvent[]> =>
    (
      await ds.query<{ payload: SubmissionReceivedEvent }[]>(
        `SELECT payload FROM gateway.outbox WHERE topic = $1 AND payload->>'submissionId' = $2 ORDER BY id`,
        [SubmissionReceivedEvent.topic, submissionId],
      )
    ).map((r) => r.payload);

  const redrivenTotal = async (): Promise<number> =>
    (await metrics.registry.getSingleMetric('careplan_reconciler_redriven_total')?.get())?.values[0]?.value ??
    0;

  it('re-drives a submission stuck in accepted or validated once, with its original event', async () => {
    const stuckAccepted = await submission('accepted', 10);
    const stuckValidated = await submission('validated', 10);
    const delivered = await submission('delivered', 10);
    const rejected = await submission('rejected', 10);
    const recent = await submission('accepted', 1);
    const [accepted] = await receivedEvents(stuckAccepted);
    // The event as it was published, had the submission really been accepted 10 minutes ago.
    const original = {
      ...accepted,
      occurredAt: new Date(Date.parse(accepted.occurredAt) - 600_000).toISOString(),
    };

    const redriven = await reconciler.reconcile();

    expect(redriven.map((r) => r.submissionId).sort()).toEqual([stuckAccepted, stuckValidated].sort());
    const events = await receivedEvents(stuckAccepted);
    expect(events).toHaveLength(2);
    // The same event, id and all: every consumer that had it recognises it. Its actor too.
    expect(events[1]).toEqual(original);
    expect(events[1].actor).toEqual({ type: 'key', id: sender.apiKeyId, label: '受付PC' });
    expect(await receivedEvents(stuckValidated)).toHaveLength(2);
    for (const id of [delivered, rejected, recent]) expect(await receivedEvents(id)).toHaveLength(1);
    expect(await redrivenTotal()).toBe(2);

    // Just re-driven: not again before twice the bound has passed since.
    expect(await reconciler.reconcile()).toEqual([]);
    await ds.query(
      `UPDATE gateway.submissions SET redriven_at = now() - interval '3 minutes' WHERE id = $1`,
      [stuckAccepted],
    );
    expect(await reconciler.reconcile()).toEqual([]);
    await ds.query(
      `UPDATE gateway.submissions SET redriven_at = now() - interval '5 minutes' WHERE id = $1`,
      [stuckAccepted],
    );
    expect(await reconciler.reconcile()).toEqual([
      { submissionId: stuckAccepted, status: 'accepted', redrives: 2 },
    ]);
    expect((await receivedEvents(stuckAccepted))[2]).toEqual(original);
  });

  it('gives a submission accepted before event ids were kept one id, kept for its later re-drives', async () => {
    const legacy = await submission('accepted', 10);
    await ds.query(`UPDATE gateway.submissions SET received_event_id = NULL WHERE id = $1`, [legacy]);

    await reconciler.reconcile();
    await ds.query(`UPDATE gateway.submissions SET redriven_at = now() - interval '1 hour' WHERE id = $1`, [
      legacy,
    ]);
    await reconciler.reconcile();

    const [, first, second] = await receivedEvents(legacy);
    expect(first.eventId).toBe(second.eventId);
    const [row] = await ds.query<{ received_event_id: string }[]>(
      `SELECT received_event_id FROM gateway.submissions WHERE id = $1`,
      [legacy],
    );
    expect(row.received_event_id).toBe(first.eventId);
  });

  it('leaves the work to the instance holding the lock', async () => {
    const stuck = await submission('accepted', 10);
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('reconciler:gateway'))`);
      expect(await reconciler.reconcile()).toEqual([]);
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('reconciler:gateway'))`);
      await runner.release();
    }
    expect((await reconciler.reconcile()).map((r) => r.submissionId)).toEqual([stuck]);
  });
});
