import { ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import { withOfficeCheckDigit } from '@careplan/spec/testing';
import { eventually, getJson, Office, samplePdf, seedOffice, submit } from './support/api';
import { pipelineSettledFor } from './support/settled';
import { readState } from './support/state';
import { freePort, serviceEnv, startService, waitUntilReady } from './support/system';

interface SubmissionBody {
  id: string;
  status: string;
}
interface InboxBody {
  items: { id: string; submissionId: string }[];
}

/**
 * What an outage leaves behind, undone by the reconciler: the gateway missed the events that would have
 * moved a submission on (a verdict, a delivery) although the validator and the router did their work.
 */
describe('re-driving submissions stuck after an outage', () => {
  let sender: Office;
  let receiver: Office;
  let db: Client;
  let reconciling: ChildProcess | null = null;

  beforeAll(async () => {
    sender = seedOffice(withOfficeCheckDigit('137129601'), '再送テスト居宅');
    receiver = seedOffice(withOfficeCheckDigit('137159601'), '再送テスト訪問介護');
    db = new Client({ connectionString: readState().databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    if (!reconciling || reconciling.exitCode !== null) return;
    const exited = new Promise((resolve) => reconciling?.once('exit', resolve));
    reconciling.kill('SIGTERM');
    await exited;
  });

  const status = (id: string) =>
    getJson<SubmissionBody>(sender, `/v1/submissions/${id}`).then((r) => r.body.status);
  const inboxOf = async (submissionId: string) =>
    (await getJson<InboxBody>(receiver, '/v1/inbox?limit=200')).body.items.filter(
      (i) => i.submissionId === submissionId,
    );

  async function delivered(name: string): Promise<string> {
    const res = await submit(sender, receiver.officeNumber, [{ name, bytes: samplePdf() }]);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as SubmissionBody;
    await eventually(
      () => status(id),
      (s) => s === 'delivered',
      60_000,
    );
    return id;
  }

  /** Ids of the events the gateway applied for a submission, found through the services that emitted them. */
  async function eventIds(submissionId: string): Promise<{ verdict: string; delivery: string }> {
    const { rows } = await db.query<{ verdict: string; delivery: string }>(
      `SELECT v.verdict_event_id AS verdict, d.event_id AS delivery
         FROM validator.validations v JOIN router.deliveries d USING (submission_id)
        WHERE v.submission_id = $1`,
      [submissionId],
    );
    return rows[0];
  }

  /** Forgets at the gateway what the given events did, as if they had gone to .dlq in an outage. */
  async function lose(
    submissionId: string,
    events: string[],
    status: 'accepted' | 'validated',
  ): Promise<void> {
    await db.query(`DELETE FROM gateway.processed_events WHERE consumer = 'gateway' AND event_id = ANY($1)`, [
      events,
    ]);
    await db.query(`DELETE FROM gateway.inbox_entries WHERE submission_id = $1`, [submissionId]);
    await db.query(
      `UPDATE gateway.submissions
          SET status = $2::varchar, delivered_at = NULL, accepted_at = accepted_at - interval '1 hour',
              validated_at = CASE WHEN $2::varchar = 'validated' THEN validated_at - interval '1 hour' END,
              report = CASE WHEN $2::varchar = 'validated' THEN report END
        WHERE id = $1`,
      [submissionId, status],
    );
  }

  const historyOf = async (submissionId: string) =>
    (
      await db.query<{ event_id: string; office_number: string }>(
        `SELECT event_id, office_number FROM archive.history WHERE submission_id = $1 ORDER BY id`,
        [submissionId],
      )
    ).rows;

  it('brings each to delivered once, with nothing done twice downstream', async () => {
    const missedDelivery = await delivered('配達漏れ.pdf');
    const missedVerdict = await delivered('判定漏れ.pdf');
    const upToDate = await delivered('届いた.pdf');
    const ids = { d: await eventIds(missedDelivery), v: await eventIds(missedVerdict) };
    await lose(missedDelivery, [ids.d.delivery], 'validated');
    await lose(missedVerdict, [ids.v.verdict, ids.v.delivery], 'accepted');
    await db.query(
      `UPDATE gateway.submissions SET accepted_at = accepted_at - interval '1 hour' WHERE id = $1`,
      [upToDate],
    );
    const historyBefore = [await historyOf(missedDelivery), await historyOf(missedVerdict)];
    expect(await status(missedDelivery)).toBe('validated');
    expect(await inboxOf(missedVerdict)).toEqual([]);

    // A second instance of this run's gateway (same consumer groups: nothing is replayed from the topics'
    // start) that reconciles every second, for submissions stuck a second or more.
    const port = await freePort();
    const state = readState();
    reconciling = startService(
      'gateway',
      {
        ...serviceEnv(state),
        PORT: String(port),
        ARCHIVE_URL: state.urls.archive,
        RECONCILE_AFTER_SECONDS: '1',
        RECONCILE_INTERVAL_SECONDS: '1',
      },
      'gateway-reconcile',
    );
    await waitUntilReady(`http://127.0.0.1:${port}`, reconciling);

    for (const id of [missedDelivery, missedVerdict]) {
      await eventually(
        () => status(id),
        (s) => s === 'delivered',
        60_000,
      );
      await eventually(
        () => inboxOf(id),
        (entries) => entries.length > 0,
        30_000,
      );
    }
    // A second re-drive, or a copy of one, would be in an outbox or not yet handled downstream: wait until
    // every service has published and handled all there is about these submissions, then count.
    await pipelineSettledFor(
      db,
      [missedDelivery, missedVerdict],
      [
        { consumer: 'validator', topics: ['careplan.submission.received.v1'] },
        { consumer: 'router', topics: ['careplan.submission.validated.v1'] },
        {
          consumer: 'gateway',
          topics: [
            'careplan.submission.validated.v1',
            'careplan.submission.rejected.v1',
            'careplan.delivery.delivered.v1',
          ],
        },
        {
          consumer: 'archive',
          topics: [
            'careplan.submission.received.v1',
            'careplan.submission.validated.v1',
            'careplan.submission.rejected.v1',
            'careplan.delivery.delivered.v1',
          ],
        },
      ],
    );
    for (const id of [missedDelivery, missedVerdict]) {
      expect(await inboxOf(id)).toHaveLength(1);
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM router.deliveries WHERE submission_id = $1`,
        [id],
      );
      expect(Number(rows[0].n)).toBe(1);
    }
    // The archive had every event already: the re-driven ones changed nothing there.
    expect([await historyOf(missedDelivery), await historyOf(missedVerdict)]).toEqual(historyBefore);
    const { rows: redrives } = await db.query<{ id: string; redrive_count: number }>(
      `SELECT id, redrive_count FROM gateway.submissions WHERE id = ANY($1) ORDER BY id`,
      [[missedDelivery, missedVerdict, upToDate]],
    );
    expect(Object.fromEntries(redrives.map((r) => [r.id, r.redrive_count]))).toEqual({
      [missedDelivery]: 1,
      [missedVerdict]: 1,
      [upToDate]: 0,
    });
  });
});
