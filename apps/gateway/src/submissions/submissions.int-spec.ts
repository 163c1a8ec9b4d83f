import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { KafkaService, OutboxRelay } from '@careplan/messaging';
import { migratedDataSource, storageDatabase } from '@careplan/persistence';
import { MetricsService } from '@careplan/platform';
import { serialAt } from '@careplan/spec';
import {
  CARE_OFFICE,
  CENTER_OFFICE,
  DEFAULT_PARTIES,
  EQUIPMENT_OFFICE,
  HOME_HELP_OFFICE,
  buildFile,
} from '@careplan/spec/testing';
import { createTestDatabase, kafkaBrokers, TestDatabase } from '@careplan/testing';
import { gatewayDatabase } from '../database/gateway.database';
import { OfficesService } from '../offices/offices.service';
import { SubmissionsRepository } from './submissions.repository';
import { SubmissionsService } from './submissions.service';
import { applyLicenseChanged } from '../registry/registry.projection';
import { registeredOffice } from '../registry/registry.testing';
import { CARE_SENDER, MEMBER_KEY, officesServiceOn } from '../offices/offices.testing';

describe('accepting bundles of one pair concurrently, on the real PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let service: SubmissionsService;
  let offices: OfficesService;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase, gatewayDatabase]);
    // The relay is never started: events stay in the outbox, where their order is what is checked.
    const kafka = new KafkaService({
      brokers: kafkaBrokers(),
      clientId: 'it-accept',
      topicPrefix: `it${randomBytes(4).toString('hex')}.`,
      groupPrefix: 'it',
      topics: [],
    });
    offices = officesServiceOn(ds);
    await registeredOffice(ds, CARE_OFFICE, '居宅');
    await registeredOffice(ds, HOME_HELP_OFFICE, '訪問介護');
    service = new SubmissionsService(
      offices,
      new OutboxRelay(ds, kafka, 'gateway'),
      new MetricsService('it'),
      new SubmissionsRepository(ds),
    );
  });

  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('numbers them 1…n and queues their events in the same order', async () => {
    const sender = CARE_SENDER;
    const bundle = (i: number) => ({
      to: HOME_HELP_OFFICE,
      files: [
        buildFile('UPPLAN', {
          parties: { ...DEFAULT_PARTIES, serial: `2025042510${String(i).padStart(4, '0')}` },
        }),
      ].map((f) => ({ rawName: f.name, bytes: Buffer.from(f.bytes) })),
    });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => service.accept(sender, bundle(i))),
    );
    const sequences = results.map((r) => r.submission.sequence).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));

    const outbox = await ds.query<{ submissionId: string; occurredAt: string }[]>(
      `SELECT payload->>'submissionId' AS "submissionId", payload->>'occurredAt' AS "occurredAt"
         FROM gateway.outbox ORDER BY id`,
    );
    const sequenceOf = new Map(results.map((r) => [r.submission.id, r.submission.sequence]));
    expect(outbox.map((o) => sequenceOf.get(o.submissionId))).toEqual(sequences);
    // The acceptance time is taken in the pair's order too, and is the received event's time.
    const inOrder = [...results].sort((a, b) => a.submission.sequence - b.submission.sequence);
    const times = inOrder.map((r) => r.submission.timeline.acceptedAt);
    expect([...times].sort()).toEqual(times);
    expect(outbox.map((o) => o.occurredAt)).toEqual(times);
  });

  it("renders a JSON bundle sent again under its Idempotency-Key with the first one's serial, else with now", async () => {
    const sender = CARE_SENDER;
    const serial = '20250425113000';
    const file = buildFile('UPPLAN', { parties: { ...DEFAULT_PARTIES, serial } });
    const key = `it-serial-${randomBytes(4).toString('hex')}`;
    await service.accept(
      sender,
      { to: HOME_HELP_OFFICE, files: [{ rawName: file.name, bytes: Buffer.from(file.bytes) }] },
      key,
    );
    expect(await service.serialFor(sender, key)).toBe(serial);
    const before = serialAt(new Date());
    const fresh = await service.serialFor(sender, 'it-serial-unused');
    expect(fresh >= before && fresh <= serialAt(new Date())).toBe(true);
    expect(await service.serialFor(sender)).toMatch(/^\d{14}$/);
  });

  it('names who sent it in its received event: the staff user of a token, else the key', async () => {
    const staff = { id: randomUUID(), loginId: 'yamada', displayName: '山田 花子' };
    const base = { officeNumber: CARE_OFFICE, name: '居宅', licenseActive: true, ...MEMBER_KEY };
    const bundle = (serial: string) => {
      const f = buildFile('UPPLAN', { parties: { ...DEFAULT_PARTIES, serial } });
      return { to: HOME_HELP_OFFICE, files: [{ rawName: f.name, bytes: Buffer.from(f.bytes) }] };
    };
    const keyId = randomUUID();
    const byStaff = await service.accept({ ...base, apiKeyId: null, staff }, bundle('20250425120001'));
    const byKey = await service.accept(
      { ...base, apiKeyId: keyId, apiKeyLabel: '受付PC' },
      bundle('20250425120002'),
    );
    const actorOf = async (id: string) =>
      (
        await ds.query<{ actor: unknown }[]>(
          `SELECT payload->'actor' AS actor FROM gateway.outbox WHERE payload->>'submissionId' = $1`,
          [id],
        )
      )[0].actor;
    // The login id names the user; the display name stays in the gateway.
    expect(await actorOf(byStaff.submission.id)).toEqual({ type: 'staff', id: staff.id, label: 'yamada' });
    expect(await actorOf(byKey.submission.id)).toEqual({ type: 'key', id: keyId, label: '受付PC' });
  });

  it("continues a pair's numbers from the submissions it has, and stores nothing for a receiver that may not receive", async () => {
    const sender = CARE_SENDER;
    const bundle = (to: string, serial: string) => {
      const f = buildFile('UPPLAN', { parties: { ...DEFAULT_PARTIES, receiver: to, serial } });
      return { to, files: [{ rawName: f.name, bytes: Buffer.from(f.bytes) }] };
    };
    await registeredOffice(ds, EQUIPMENT_OFFICE, '福祉用具');
    // Numbered before the pair had a counter (as submissions from before the counters were): 7 is its last.
    await ds.query(
      `INSERT INTO gateway.submissions (id, sender_office_number, receiver_office_number, status, request_hash, pair_seq)
       VALUES ($1, $2, $3, 'delivered', $4, 7)`,
      [randomUUID(), CARE_OFFICE, EQUIPMENT_OFFICE, 'f'.repeat(64)],
    );
    const next = await service.accept(sender, bundle(EQUIPMENT_OFFICE, '20250425130001'));
    expect(next.submission.sequence).toBe(8);
    expect(
      (await service.accept(sender, bundle(EQUIPMENT_OFFICE, '20250425130002'))).submission.sequence,
    ).toBe(9);

    const counts = () =>
      ds.query<{ submissions: number; outbox: number; counters: number }[]>(
        `SELECT (SELECT count(*)::int FROM gateway.submissions) AS submissions,
                (SELECT count(*)::int FROM gateway.outbox) AS outbox,
                (SELECT count(*)::int FROM gateway.pair_sequences) AS counters`,
      );
    const before = await counts();
    await ds.transaction((m) =>
      applyLicenseChanged(m, { officeNumber: EQUIPMENT_OFFICE, state: 'suspended' }),
    );
    await expect(service.accept(sender, bundle(EQUIPMENT_OFFICE, '20250425130003'))).rejects.toMatchObject({
      code: 'RECEIVER_UNLICENSED',
    });
    await expect(service.accept(sender, bundle(CENTER_OFFICE, '20250425130004'))).rejects.toMatchObject({
      code: 'RECEIVER_UNKNOWN',
    });
    expect(await counts()).toEqual(before);
  });
});
