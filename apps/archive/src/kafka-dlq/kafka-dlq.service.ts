import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ALL_TOPICS, dlqTopicOf, pageLimit } from '@careplan/contracts';
import {
  KafkaService,
  partitionWatermarks,
  PartitionWatermarks,
  readRanges,
  ReadMessage,
} from '@careplan/messaging';
import type { Page } from '@careplan/platform';
import { recordAudit } from '../audit/audit';
import { OperatorContext, requireCentral } from '../operators/operator-scope';
import { replayInvalid } from '../dead-letters/dead-letters.service';
import {
  KafkaDlqMessageDto,
  KafkaDlqQuery,
  KafkaDlqReplayDto,
  KafkaDlqReplayResult,
} from './dto/kafka-dlq.dto';
import { KafkaDlqErrors } from './kafka-dlq.errors';
import { describeDlqMessage, originalTopicOf } from './kafka-dlq.message';
import { dlqIdOf, DlqPosition, parseDlqId, planPage } from './kafka-dlq.paging';
import { KafkaDlqRepository } from './kafka-dlq.repository';

/** Every dead-letter topic, in listing order (topics as declared). */
export const DLQ_TOPICS: readonly string[] = ALL_TOPICS.map(dlqTopicOf);

/** Messages claimed, sent and audited in one transaction by a replay of everything. */
const REPLAY_BATCH = 100;

/** Who replays: an operator, or the command line. */
type Actor = Pick<OperatorContext, 'name'> & { id: string | null };

interface ReplayReply {
  replayed: string[];
  alreadyReplayed: string[];
}

/**
 * The `.dlq` twins of every topic, read from the broker: listed for central administrators and put back on their
 * original topic, each once unless forced. Consumers deduplicate on the event id, so replaying an event that
 * was applied meanwhile changes nothing.
 */
@Injectable()
export class KafkaDlqService {
  constructor(
    private readonly kafka: KafkaService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly replays: KafkaDlqRepository,
  ) {}

  async list(op: OperatorContext, q: KafkaDlqQuery): Promise<Page<KafkaDlqMessageDto>> {
    requireCentral(op);
    return this.browse(q);
  }

  async replay(op: OperatorContext, dto: KafkaDlqReplayDto): Promise<KafkaDlqReplayResult> {
    requireCentral(op);
    return this.replayAs(op, dto);
  }

  /**
   * The messages the dead-letter topics hold, and how many of them were never replayed (for the overview;
   * central administrators only, like the listing).
   */
  async counts(): Promise<{ messages: number; notReplayed: number }> {
    const held = await this.kafka.watermarks(DLQ_TOPICS);
    const messages = held.reduce((n, w) => n + (w.high - w.low), 0);
    return { messages, notReplayed: messages - (await this.replays.countReplayedWithin(held)) };
  }

  /** The listing without an operator (the command line acts as the central administrator's tool). */
  async browse(q: KafkaDlqQuery): Promise<Page<KafkaDlqMessageDto>> {
    const topics = q.topic ? [dlqTopicNamed(q.topic)] : DLQ_TOPICS;
    const cursor = q.cursor ? knownPosition(q.cursor) : null;
    const plan = planPage(await this.watermarks(topics), DLQ_TOPICS, cursor, pageLimit(q));
    const messages = await this.read(plan.ranges);
    return { items: await this.describe(messages), nextCursor: plan.next && dlqIdOf(plan.next) };
  }

  async replayAs(actor: Actor, dto: KafkaDlqReplayDto): Promise<KafkaDlqReplayResult> {
    if ((dto.ids !== undefined) === (dto.all === true)) throw replayInvalid();
    const force = dto.force === true;
    const replayed = dto.ids
      ? await this.replayIds(actor, dto.ids, force)
      : await this.replayAll(actor, force);
    return { replayed: replayed.length, ids: replayed };
  }

  /** Named messages: all of them or none (an unknown one is 404, one already replayed 409 unless forced). */
  private async replayIds(actor: Actor, ids: string[], force: boolean): Promise<string[]> {
    const wanted = new Map(ids.map((id) => knownPosition(id)).map((p) => [dlqIdOf(p), p]));
    const ends = await this.watermarks([...new Set([...wanted.values()].map((p) => p.topic))]);
    // Only offsets the broker holds are read: a consumer waits for any other one.
    const held = [...wanted.values()].filter((p) =>
      ends.some(
        (w) => w.topic === p.topic && w.partition === p.partition && p.offset >= w.low && p.offset < w.high,
      ),
    );
    const messages = (await this.read(rangesCovering(held))).filter((m) => wanted.has(dlqIdOf(m)));
    const found = new Set(messages.map(dlqIdOf));
    const missing = [...wanted.keys()].filter((id) => !found.has(id));
    if (missing.length > 0) throw KafkaDlqErrors.messageNotFound(missing);
    return (await this.replayBatch(actor, messages, force, 'ids')).replayed;
  }

  /**
   * Every message not yet replayed (every message with force), up to the ends the partitions had when the replay
   * began: a replayed event that fails again comes back as a new message, and is not replayed in a loop.
   */
  private async replayAll(actor: Actor, force: boolean): Promise<string[]> {
    const ends = await this.watermarks(DLQ_TOPICS);
    const replayed: string[] = [];
    let cursor: DlqPosition | null = null;
    do {
      const plan = planPage(ends, DLQ_TOPICS, cursor, REPLAY_BATCH);
      const batch = await this.read(plan.ranges);
      replayed.push(...(await this.replayBatch(actor, batch, force, 'all')).replayed);
      cursor = plan.next;
    } while (cursor);
    return replayed;
  }

  /**
   * Claims the messages in kafka_dlq_replays and republishes the claimed ones in one transaction with its audit
   * entry: a concurrent replay of the same message waits for the claim and then skips it. A failed send rolls the
   * claim back; a commit lost after the send leaves a message that can be replayed again, which consumers dedupe.
   */
  private replayBatch(
    actor: Actor,
    messages: ReadMessage[],
    force: boolean,
    target: 'ids' | 'all',
  ): Promise<ReplayReply> {
    if (messages.length === 0) return Promise.resolve({ replayed: [], alreadyReplayed: [] });
    return this.dataSource.transaction(async (m) => {
      const claimed = await this.replays.claim(m, messages, actor.name, force);
      const toSend = messages.filter((msg) => claimed.has(dlqIdOf(msg)));
      const reply = {
        replayed: toSend.map(dlqIdOf),
        alreadyReplayed: messages.map(dlqIdOf).filter((id) => !claimed.has(id)),
      };
      // Named messages are replayed all together or not at all: throwing rolls the claims back.
      if (target === 'ids' && reply.alreadyReplayed.length > 0)
        throw KafkaDlqErrors.alreadyReplayed(reply.alreadyReplayed);
      await this.republish(toSend);
      if (toSend.length > 0)
        await recordAudit(m, actor, 'kafka-dlq.replay', target === 'all' ? 'all' : reply.replayed.join(','), {
          ids: reply.replayed,
          force,
        });
      return reply;
    });
  }

  /** The original value and key, to the original topic (same key: same partition), marked as a replay. */
  private async republish(messages: ReadMessage[]): Promise<void> {
    const byTopic = new Map<string, ReadMessage[]>();
    for (const msg of messages) {
      const original = originalTopicOf(msg.topic);
      byTopic.set(original, [...(byTopic.get(original) ?? []), msg]);
    }
    for (const [topic, group] of byTopic)
      await this.kafka.send(
        topic,
        group.map((msg) => ({
          key: msg.key,
          value: msg.value,
          headers: { 'x-replayed-from': dlqIdOf(msg) },
        })),
      );
  }

  /** Watermarks of the given dead-letter topics, named without the deployment's prefix. */
  private async watermarks(topics: readonly string[]): Promise<PartitionWatermarks[]> {
    const prefix = this.kafka.options.topicPrefix;
    const found = await partitionWatermarks(
      this.kafka.kafka,
      topics.map((t) => this.kafka.topic(t)),
    );
    return found.map((w) => ({ ...w, topic: w.topic.slice(prefix.length) }));
  }

  private async read(
    ranges: { topic: string; partition: number; from: number; to: number }[],
  ): Promise<ReadMessage[]> {
    const prefix = this.kafka.options.topicPrefix;
    const messages = await readRanges(
      this.kafka.kafka,
      ranges.map((r) => ({ ...r, topic: this.kafka.topic(r.topic) })),
    );
    return messages.map((msg) => ({ ...msg, topic: msg.topic.slice(prefix.length) }));
  }

  private async describe(messages: ReadMessage[]): Promise<KafkaDlqMessageDto[]> {
    const replays = await this.replays.replaysOf(messages);
    return messages.map((msg) => describeDlqMessage(msg, replays.get(dlqIdOf(msg)) ?? null));
  }
}

/** A topic or its `.dlq` twin, as its dead-letter topic; anything else is refused. */
function dlqTopicNamed(topic: string): string {
  const dlq = topic.endsWith('.dlq') ? topic : dlqTopicOf(topic);
  if (!DLQ_TOPICS.includes(dlq)) throw KafkaDlqErrors.topicUnknown(topic);
  return dlq;
}

function knownPosition(id: string): DlqPosition {
  const p = parseDlqId(id);
  if (!p) throw KafkaDlqErrors.idInvalid(id);
  dlqTopicNamed(p.topic);
  return p;
}

/** One range per partition from its lowest to its highest named offset. */
function rangesCovering(
  positions: DlqPosition[],
): { topic: string; partition: number; from: number; to: number }[] {
  const byPartition = new Map<string, { topic: string; partition: number; from: number; to: number }>();
  for (const p of positions) {
    const key = `${p.topic}:${p.partition}`;
    const r = byPartition.get(key) ?? {
      topic: p.topic,
      partition: p.partition,
      from: p.offset,
      to: p.offset + 1,
    };
    byPartition.set(key, { ...r, from: Math.min(r.from, p.offset), to: Math.max(r.to, p.offset + 1) });
  }
  return [...byPartition.values()];
}
