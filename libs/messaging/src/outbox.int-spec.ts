import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestDatabase, TestDatabase } from '@careplan/testing';
import { insertThenAddToOutbox, inTransactionThenNudge, publishEvent, stampEvent } from './outbox';
import { pingDataSource, PingEvent } from './testing/ping.fixture';

const SCHEMA = 'it_outbox_helpers';

describe('outbox helpers on the real PostgreSQL', () => {
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

  beforeEach(() => ds.query(`DELETE FROM "${SCHEMA}"."outbox"`));

  const outbox = () =>
    ds.query<{ topic: string; key: string; payload: Record<string, unknown> }[]>(
      `SELECT topic, key, payload FROM "${SCHEMA}"."outbox" ORDER BY id`,
    );

  describe('insertThenAddToOutbox', () => {
    beforeAll(() => ds.query(`CREATE TABLE "${SCHEMA}"."things" (id text PRIMARY KEY, n int NOT NULL)`));

    const insertThing = (id: string, n: number) => ({
      text: `INSERT INTO "${SCHEMA}"."things" (id, n) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id`,
      values: [id, n],
    });

    it('adds the event only when the change is new, in one statement with it', async () => {
      const first = stampEvent(PingEvent, { text: 'first' });
      const again = stampEvent(PingEvent, { text: 'again' });
      const added = await ds.transaction((m) =>
        insertThenAddToOutbox(m, SCHEMA, insertThing('t1', 1), PingEvent, 'k', first),
      );
      const repeated = await ds.transaction((m) =>
        insertThenAddToOutbox(m, SCHEMA, insertThing('t1', 2), PingEvent, 'k', again),
      );
      expect([added, repeated]).toEqual([true, false]);
      expect((await outbox()).map((r) => r.payload.text)).toEqual(['first']);
      expect(await ds.query(`SELECT n FROM "${SCHEMA}"."things" WHERE id = 't1'`)).toEqual([{ n: 1 }]);
    });

    it('keeps neither the change nor the event when the transaction rolls back', async () => {
      await expect(
        ds.transaction(async (m) => {
          await insertThenAddToOutbox(
            m,
            SCHEMA,
            insertThing('t2', 1),
            PingEvent,
            'k',
            stampEvent(PingEvent, { text: 'x' }),
          );
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await outbox()).toEqual([]);
      expect(await ds.query(`SELECT id FROM "${SCHEMA}"."things" WHERE id = 't2'`)).toEqual([]);
    });
  });

  describe('publishEvent', () => {
    it('stamps a new id and now, and records the event under its topic and key', async () => {
      const before = Date.now();
      const event = await ds.transaction((m) => publishEvent(m, SCHEMA, PingEvent, 'k1', { text: 'hi' }));
      expect(event).toBeInstanceOf(PingEvent);
      expect(Date.parse(event.occurredAt)).toBeGreaterThanOrEqual(before);
      expect(await outbox()).toEqual([
        {
          topic: PingEvent.topic,
          key: 'k1',
          payload: { eventId: event.eventId, occurredAt: event.occurredAt, text: 'hi' },
        },
      ]);
    });

    it('keeps the id and time it is given (a re-published event is the original one)', async () => {
      const eventId = randomUUID();
      const occurredAt = new Date('2026-04-01T00:00:00.000Z');
      await ds.transaction((m) =>
        publishEvent(m, SCHEMA, PingEvent, 'k2', { text: 'again' }, { eventId, occurredAt }),
      );
      const [row] = await outbox();
      expect(row.payload).toEqual({ eventId, occurredAt: '2026-04-01T00:00:00.000Z', text: 'again' });
    });

    it('adds nothing when the transaction rolls back', async () => {
      await expect(
        ds.transaction(async (m) => {
          await publishEvent(m, SCHEMA, PingEvent, 'k3', { text: 'lost' });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await outbox()).toEqual([]);
    });
  });

  describe('inTransactionThenNudge', () => {
    /** A relay stand-in that records, at each nudge, how many events other connections can see. */
    function watchingRelay() {
      const seen: number[] = [];
      const looks: Promise<void>[] = [];
      return {
        seen,
        /** Settles once every nudge so far has looked at the outbox. */
        settled: () => Promise.all(looks),
        nudge: () => void looks.push(outbox().then((rows) => void seen.push(rows.length))),
      };
    }

    it('nudges once, after the commit made the events visible, and answers what the work returned', async () => {
      const relay = watchingRelay();
      const result = await inTransactionThenNudge(ds, relay, async (m) => {
        await publishEvent(m, SCHEMA, PingEvent, 'k4', { text: 'out' });
        return 'done';
      });
      expect(result).toBe('done');
      await relay.settled();
      expect(relay.seen).toEqual([1]);
    });

    it('does not nudge when the work fails, and the failure reaches the caller', async () => {
      const relay = watchingRelay();
      await expect(
        inTransactionThenNudge(ds, relay, async (m) => {
          await publishEvent(m, SCHEMA, PingEvent, 'k5', { text: 'lost' });
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      await relay.settled();
      expect(relay.seen).toEqual([]);
      expect(await outbox()).toEqual([]);
    });

    it('commits without a relay (the tools run without one)', async () => {
      await inTransactionThenNudge(ds, undefined, (m) =>
        publishEvent(m, SCHEMA, PingEvent, 'k6', { text: 'x' }),
      );
      expect(await outbox()).toHaveLength(1);
    });
  });
});
