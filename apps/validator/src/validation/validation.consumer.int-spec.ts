import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SubmissionReceivedEvent, Topics } from '@careplan/contracts';
import { KafkaService, OutboxRelay } from '@careplan/messaging';
import { BlobStore, migratedDataSource, storageDatabase } from '@careplan/persistence';
import { MetricsService } from '@careplan/platform';
import { buildFile, CARE_OFFICE, HOME_HELP_OFFICE } from '@careplan/spec/testing';
import { createTestDatabase, eventually, kafkaBrokers, TestDatabase } from '@careplan/testing';
import { validatorDatabase } from '../database/validator.database';
import { ValidationConsumer } from './validation.consumer';
import { ValidationRepository } from './validation.repository';
import { ValidationService } from './validation.service';

describe('the validator consumer on the real Kafka and PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let kafka: KafkaService;
  let blobs: BlobStore;
  let consumer: ValidationConsumer;
  const run = randomBytes(4).toString('hex');

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await migratedDataSource(db.url, [storageDatabase, validatorDatabase]);
    kafka = new KafkaService({
      brokers: kafkaBrokers(),
      clientId: 'it-validator',
      topicPrefix: `it${run}.`,
      groupPrefix: `it${run}`,
      topics: [SubmissionReceivedEvent.topic],
      partitions: 1,
    });
    await kafka.onModuleInit();
    blobs = new BlobStore(ds);
    const metrics = new MetricsService('it');
    // The relay is never started: verdicts stay in the outbox, where they are checked.
    const relay = new OutboxRelay(ds, kafka, 'validator');
    consumer = new ValidationConsumer(
      kafka,
      ds,
      metrics,
      relay,
      new ValidationService(ds, blobs, metrics, new ValidationRepository()),
    );
    await consumer.onApplicationBootstrap();
  });

  afterAll(async () => {
    await consumer.onApplicationShutdown();
    await kafka.onApplicationShutdown();
    await ds.destroy();
    await db.drop();
  });

  async function received(): Promise<SubmissionReceivedEvent> {
    const file = buildFile('UPPLAN');
    const bytes = Buffer.from(file.bytes);
    const sha256 = await blobs.put(bytes);
    return Object.assign(new SubmissionReceivedEvent(), {
      eventId: randomUUID(),
      occurredAt: new Date().toISOString(),
      submissionId: randomUUID(),
      senderOfficeNumber: CARE_OFFICE,
      receiverOfficeNumber: HOME_HELP_OFFICE,
      files: [
        {
          fileId: randomUUID(),
          name: file.name,
          kind: 'csv',
          contentType: 'text/csv',
          size: bytes.length,
          sha256,
        },
      ],
    });
  }

  const send = (e: SubmissionReceivedEvent) =>
    kafka.send(SubmissionReceivedEvent.topic, [{ key: e.submissionId, value: JSON.stringify(e) }]);

  /** The verdict events in the outbox for one submission, oldest first. */
  const verdicts = (submissionId: string) => async (): Promise<{ topic: string; payload: unknown }[]> =>
    ds.query(`SELECT topic, payload FROM validator.outbox WHERE payload->>'submissionId' = $1 ORDER BY id`, [
      submissionId,
    ]);

  it('answers a re-driven submission with its stored verdict, same event id, without validating again', async () => {
    const e = await received();
    await send(e);
    const [first] = await eventually(verdicts(e.submissionId), (v) => v.length >= 1, 20000);
    // Re-driven with its original id (a duplicate), then as a submission accepted before ids were kept.
    await send(e);
    await eventually(verdicts(e.submissionId), (v) => v.length >= 2, 20000);
    await send({ ...e, eventId: randomUUID() });
    const all = await eventually(verdicts(e.submissionId), (v) => v.length >= 3, 20000);
    expect(all).toEqual([first, first, first]);
    const [{ n }] = await ds.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM validator.validations WHERE submission_id = $1`,
      [e.submissionId],
    );
    expect(Number(n)).toBe(1);
  });

  it('rejects a submission whose bytes cannot be read once its retries are spent: VALIDATION_NOT_POSSIBLE', async () => {
    const e = await received();
    await ds.query(`DELETE FROM "storage"."blobs" WHERE sha256 = ANY($1)`, [e.files.map((f) => f.sha256)]);
    await send(e);
    // Five tries, 100 ms doubling between them, then the dead-letter topic and the give-up hook.
    const [verdict] = await eventually(verdicts(e.submissionId), (v) => v.length >= 1, 30000);
    expect(verdict.topic).toBe(Topics.SubmissionRejected);
    const { report } = verdict.payload as { report: { files: { issues: { code: string }[] }[] } };
    expect(report.files.map((f) => f.issues.map((i) => i.code))).toEqual([['VALIDATION_NOT_POSSIBLE']]);
    // Sent again (re-driven from the dead-letter topic, say): the give-up verdict stands, same event.
    await send({ ...e, eventId: randomUUID() });
    const all = await eventually(verdicts(e.submissionId), (v) => v.length >= 2, 20000);
    expect(all).toEqual([verdict, verdict]);
  });
});
