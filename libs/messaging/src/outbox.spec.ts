import { DataSource } from 'typeorm';
import type { KafkaService } from './kafka.service';
import { groupByTopic, OutboxRelay } from './outbox';

describe('groupByTopic', () => {
  it('keeps commit order within each topic, topics in the order they first appear', () => {
    const rows = ['a1', 'a2', 'b1', 'a3', 'c1', 'b2'].map((id) => ({ id, topic: id[0] }));
    expect(groupByTopic(rows).map((g) => [g.topic, g.rows.map((r) => r.id)])).toEqual([
      ['a', ['a1', 'a2', 'a3']],
      ['b', ['b1', 'b2']],
      ['c', ['c1']],
    ]);
  });

  it('returns nothing for nothing', () => expect(groupByTopic([])).toEqual([]));
});

describe('OutboxRelay loop', () => {
  afterEach(() => jest.useRealTimers());

  /** A relay whose batches are scripted: each call runs the next step and returns how many rows it sent. */
  function scripted(steps: ((relay: OutboxRelay) => number)[]): { relay: OutboxRelay; calls: () => number } {
    let calls = 0;
    class Scripted extends OutboxRelay {
      override publishBatch(): Promise<number> {
        const step = steps[Math.min(calls, steps.length - 1)];
        calls++;
        return Promise.resolve(step(this));
      }
    }
    const relay = new Scripted({} as DataSource, {} as KafkaService, 'it');
    return { relay, calls: () => calls };
  }

  const ticks = async (n: number) => {
    for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  };

  it('publishes again at once when a commit nudged it while a batch was going out, without waiting for the poll', async () => {
    // Timers never advance: any second call comes from the nudge, not from the 250 ms poll.
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    const { relay, calls } = scripted([
      (r) => {
        r.nudge(); // a commit lands while this batch is being published
        return 1;
      },
      () => 1,
      () => 0,
    ]);
    relay.onApplicationBootstrap();
    await ticks(20);
    expect(calls()).toBe(2);
    const stopped = relay.onApplicationShutdown();
    await ticks(5);
    await stopped;
  });

  it('waits for the poll when nothing nudged it during a batch', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    const { relay, calls } = scripted([() => 1, () => 0]);
    relay.onApplicationBootstrap();
    await ticks(20);
    expect(calls()).toBe(1);
    jest.advanceTimersByTime(250);
    await ticks(20);
    expect(calls()).toBe(2);
    const stopped = relay.onApplicationShutdown();
    await ticks(5);
    await stopped;
  });
});
