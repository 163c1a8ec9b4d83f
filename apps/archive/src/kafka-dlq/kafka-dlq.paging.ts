import type { OffsetRange, PartitionWatermarks } from '@careplan/messaging';

// Positions in the dead-letter topics, in one order: topics as declared, then partition, then offset. Topics
// here are the names without the deployment's prefix.

/** One message of a dead-letter topic; its id, `<topic>:<partition>:<offset>`, is what operators replay. */
export interface DlqPosition {
  topic: string;
  partition: number;
  offset: number;
}

export const dlqIdOf = (p: DlqPosition): string => `${p.topic}:${p.partition}:${p.offset}`;

/** Topic names hold no colon: the last two fields are the partition and the offset. */
export const DLQ_ID_PATTERN = /^[A-Za-z0-9._-]+\.dlq:\d{1,9}:\d{1,15}$/;

export function parseDlqId(id: string): DlqPosition | null {
  if (!DLQ_ID_PATTERN.test(id)) return null;
  const [offset, partition, ...topic] = id.split(':').reverse();
  return { topic: topic.reverse().join(':'), partition: Number(partition), offset: Number(offset) };
}

export interface PagePlan {
  ranges: OffsetRange[];
  /** Where the next page starts, or null when this page reaches every partition's end. */
  next: DlqPosition | null;
}

/**
 * The ranges of the page of at most `limit` messages that starts at `cursor` (or at the beginning), given the
 * partitions' watermarks in listing order. Offsets of a dead-letter topic have no gaps (plain producers), so
 * counting offsets counts messages.
 */
export function planPage(
  watermarks: readonly PartitionWatermarks[],
  topicOrder: readonly string[],
  cursor: DlqPosition | null,
  limit: number,
): PagePlan {
  const ranges: OffsetRange[] = [];
  let remaining = limit;
  for (const w of watermarks) {
    const order = cursor ? compare(w, cursor, topicOrder) : 1;
    if (order < 0) continue;
    const from = Math.max(w.low, order === 0 && cursor ? cursor.offset : w.low);
    if (from >= w.high) continue;
    if (remaining === 0) return { ranges, next: { topic: w.topic, partition: w.partition, offset: from } };
    const to = Math.min(w.high, from + remaining);
    ranges.push({ topic: w.topic, partition: w.partition, from, to });
    remaining -= to - from;
    if (to < w.high) return { ranges, next: { topic: w.topic, partition: w.partition, offset: to } };
  }
  return { ranges, next: null };
}

/** Orders a partition against the cursor's partition: negative before, 0 the same, positive after. */
function compare(
  w: { topic: string; partition: number },
  cursor: DlqPosition,
  topicOrder: readonly string[],
): number {
  const byTopic = topicOrder.indexOf(w.topic) - topicOrder.indexOf(cursor.topic);
  return byTopic !== 0 ? byTopic : w.partition - cursor.partition;
}
