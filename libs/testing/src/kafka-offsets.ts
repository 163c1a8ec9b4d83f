import { Admin, Kafka } from 'kafkajs';
import { eventually } from './eventually';

/** One partition of a topic: how far a group has committed, and where the partition ended when looked at. */
export interface PartitionProgress {
  topic: string;
  partition: number;
  /** The next offset the group would read; the partition's low watermark when it has committed nothing. */
  committed: number;
  /** The high watermark: the offset the next message written will get. */
  high: number;
}

/** A consumer group and the (full, prefixed) topics it reads. */
export interface GroupTopics {
  groupId: string;
  topics: readonly string[];
}

type Ends = Map<string, { low: number; high: number }>;
const partitionKey = (topic: string, partition: number) => `${topic}:${partition}`;

async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

async function topicEnds(admin: Admin, topics: readonly string[]): Promise<Ends> {
  const ends: Ends = new Map();
  for (const topic of new Set(topics))
    for (const o of await admin.fetchTopicOffsets(topic))
      ends.set(partitionKey(topic, o.partition), { low: Number(o.low), high: Number(o.high) });
  return ends;
}

async function progressAgainst(admin: Admin, groupId: string, topics: readonly string[], ends: Ends) {
  const out: PartitionProgress[] = [];
  for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
    for (const { partition, offset } of partitions) {
      const end = ends.get(partitionKey(topic, partition));
      if (!end) continue; // a partition added after the snapshot: nothing was written there before it
      const committed = Number(offset) >= 0 ? Number(offset) : end.low;
      out.push({ topic, partition, committed, high: end.high });
    }
  }
  return out.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

const caughtUp = (ps: PartitionProgress[]) => ps.every((p) => p.committed >= p.high);

/**
 * Waits until `groupId` has committed, on every partition of `topics`, everything written to them before the
 * call (the high watermarks are read once, first, so traffic written later cannot keep it waiting). A
 * consumer commits only after its handler settled, so whatever handling those messages did is visible once
 * this resolves. Names are the full ones, with the run's prefixes (`kafka.groupId(…)`, `kafka.topic(…)`).
 */
export async function consumerCaughtUp(
  kafka: Kafka,
  groupId: string,
  topics: readonly string[],
  timeoutMs = 60_000,
): Promise<PartitionProgress[]> {
  return withAdmin(kafka, async (admin) => {
    const ends = await topicEnds(admin, topics);
    return eventually(() => progressAgainst(admin, groupId, topics, ends), caughtUp, timeoutMs, 200);
  });
}

/**
 * Waits until a pipeline has nothing in flight: `pending` (e.g. outbox rows not yet published) is 0, every
 * group has committed all that was on its topics, and afterwards `pending` is still 0 and no topic grew. A
 * handler commits its outbox rows before its offset, so a message still being handled, or an event it
 * published meanwhile, is seen as one of those and the check starts over.
 */
export async function pipelineSettled(
  kafka: Kafka,
  groups: readonly GroupTopics[],
  pending: () => Promise<number>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1, deadline - Date.now());
  const topics = groups.flatMap((g) => g.topics);
  await withAdmin(kafka, async (admin) => {
    for (;;) {
      await eventually(pending, (n) => n === 0, left());
      const ends = await topicEnds(admin, topics);
      for (const g of groups)
        await eventually(() => progressAgainst(admin, g.groupId, g.topics, ends), caughtUp, left(), 200);
      const grown = [...(await topicEnds(admin, topics))].some(([k, e]) => e.high !== ends.get(k)?.high);
      if (!grown && (await pending()) === 0) return;
      if (Date.now() > deadline) throw new Error(`pipeline not settled within ${timeoutMs} ms`);
    }
  });
}
