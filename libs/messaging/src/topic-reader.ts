import { randomUUID } from 'node:crypto';
import { IHeaders, Kafka } from 'kafkajs';

// Reads messages at explicit offsets, outside any service's consumer group: for operators' tools
// (listing and replaying `.dlq` messages), never for the event flow itself.

/** The offsets a partition holds now: `low` the first kept, `high` the next one to be written. */
export interface PartitionWatermarks {
  topic: string;
  partition: number;
  low: number;
  high: number;
}

/** Offsets `[from, to)` of one partition. */
export interface OffsetRange {
  topic: string;
  partition: number;
  from: number;
  to: number;
}

export interface ReadMessage {
  topic: string;
  partition: number;
  offset: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string>;
}

const READ_TIMEOUT_MS = 20_000;

/** Watermarks of every partition of the given topics that exist (a missing topic has none), in partition order. */
export async function partitionWatermarks(
  kafka: Kafka,
  topics: readonly string[],
): Promise<PartitionWatermarks[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const out: PartitionWatermarks[] = [];
    for (const topic of topics.filter((t) => existing.has(t))) {
      const offsets = await admin.fetchTopicOffsets(topic);
      out.push(
        ...offsets
          .map((o) => ({ topic, partition: o.partition, low: Number(o.low), high: Number(o.high) }))
          .sort((a, b) => a.partition - b.partition),
      );
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads the messages of the given ranges (one per partition; each within the partition's watermarks) with a
 * short-lived consumer of a group of its own that commits nothing, and returns them in range order.
 */
export async function readRanges(
  kafka: Kafka,
  ranges: readonly OffsetRange[],
  timeoutMs = READ_TIMEOUT_MS,
): Promise<ReadMessage[]> {
  const pending = new Map(ranges.filter((r) => r.to > r.from).map((r) => [partitionKey(r), r]));
  if (pending.size === 0) return [];
  const byRange = new Map<string, ReadMessage[]>([...pending.keys()].map((k) => [k, []]));
  // A group without committed offsets is removed by the broker once this member leaves.
  const consumer = kafka.consumer({ groupId: `careplan.topic-reader.${randomUUID()}`, maxWaitTimeInMs: 200 });
  await consumer.connect();
  try {
    let finish = (): void => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    await consumer.subscribe({ topics: [...new Set(ranges.map((r) => r.topic))], fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachMessage: ({ topic, partition, message }) => {
        const key = partitionKey({ topic, partition });
        const range = pending.get(key);
        const offset = Number(message.offset);
        if (!range || offset < range.from) return Promise.resolve();
        if (offset < range.to) byRange.get(key)?.push(toReadMessage(topic, partition, offset, message));
        if (offset >= range.to - 1) pending.delete(key);
        if (pending.size === 0) finish();
        return Promise.resolve();
      },
    });
    for (const r of pending.values())
      consumer.seek({ topic: r.topic, partition: r.partition, offset: String(r.from) });
    await withTimeout(finished, timeoutMs, () => `reading ${[...pending.keys()].join(', ')} timed out`);
  } finally {
    await consumer.disconnect();
  }
  return [...byRange.values()].flat();
}

function partitionKey(r: { topic: string; partition: number }): string {
  return `${r.topic}:${r.partition}`;
}

function toReadMessage(
  topic: string,
  partition: number,
  offset: number,
  message: { key: Buffer | null; value: Buffer | null; headers?: IHeaders },
): ReadMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first.toString();
  }
  return { topic, partition, offset, key: message.key, value: message.value, headers };
}

async function withTimeout(work: Promise<void>, ms: number, message: () => string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
