import type { ReadMessage } from '@careplan/messaging';
import type { KafkaDlqMessageDto } from './dto/kafka-dlq.dto';
import { dlqIdOf } from './kafka-dlq.paging';

const DLQ_SUFFIX = '.dlq';

export const originalTopicOf = (dlqTopic: string): string => dlqTopic.slice(0, -DLQ_SUFFIX.length);

/** `careplan.submission.received.v1` → `submission.received`: the event a topic carries. */
export const eventTypeOf = (topic: string): string => topic.replace(/^careplan\./, '').replace(/\.v\d+$/, '');

/**
 * What an operator needs to decide on a dead letter, from its headers (set by the consumer that gave up) and
 * the event's ids. Never the payload: some events carry what only their consumer may read.
 */
export function describeDlqMessage(
  msg: ReadMessage,
  replay: { replayedAt: Date; replayedBy: string } | null,
): KafkaDlqMessageDto {
  const h = msg.headers;
  const originalTopic = originalTopicOf(msg.topic);
  const event = idsOf(msg.value);
  return {
    id: dlqIdOf(msg),
    topic: msg.topic,
    partition: msg.partition,
    offset: msg.offset,
    originalTopic,
    originalPartition: h['x-original-partition'] === undefined ? null : Number(h['x-original-partition']),
    originalOffset: h['x-original-offset'] ?? null,
    key: msg.key?.toString('utf8') ?? null,
    eventId: event.eventId,
    eventType: eventTypeOf(originalTopic),
    submissionId: event.submissionId,
    consumer: h['x-consumer'] ?? null,
    attempts: h['x-attempts'] === undefined ? null : Number(h['x-attempts']),
    error: h['x-error'] ?? null,
    failedAt: h['x-failed-at'] ?? null,
    replayedAt: replay?.replayedAt.toISOString() ?? null,
    replayedBy: replay?.replayedBy ?? null,
  };
}

/** The event's own ids, when the value is JSON at all (a poison message may not be). */
function idsOf(value: Buffer | null): { eventId: string | null; submissionId: string | null } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value?.toString('utf8') ?? '');
  } catch {
    return { eventId: null, submissionId: null };
  }
  const o = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  return {
    eventId: typeof o.eventId === 'string' ? o.eventId : null,
    submissionId: typeof o.submissionId === 'string' ? o.submissionId : null,
  };
}
