import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { Queues } from '@careplan/contracts';
import { consumerCaughtUp, eventually, GroupTopics, pipelineSettled } from '@careplan/testing';
import { readState } from './state';

// Observable conditions for "the system has done all it will do", instead of sleeping and hoping: what the
// services' consumers have committed, what their outboxes still hold, what the webhook queue still has.

const SCHEMAS = ['gateway', 'validator', 'router', 'archive'] as const;

function kafkaOfRun(): Kafka {
  return new Kafka({
    clientId: 'e2e-settled',
    brokers: readState().kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
}

/** One service consumer (its name, e.g. 'router-webhooks') and the un-prefixed topics it reads. */
export interface ServiceConsumer {
  consumer: string;
  topics: readonly string[];
}

function groupTopics(consumers: readonly ServiceConsumer[]): GroupTopics[] {
  const { groupPrefix, topicPrefix } = readState();
  return consumers.map((c) => ({
    groupId: `${groupPrefix}.${c.consumer}`,
    topics: c.topics.map((t) => `${topicPrefix}${t}`),
  }));
}

/** Until the service consumer has handled and committed everything written to its topics so far. */
export async function serviceCaughtUp(consumer: string, topics: readonly string[]): Promise<void> {
  const [g] = groupTopics([{ consumer, topics }]);
  await consumerCaughtUp(kafkaOfRun(), g.groupId, g.topics);
}

/** Outbox rows of every service, not yet published, whose event mentions one of `ids`. */
async function unpublished(db: Client, ids: readonly string[]): Promise<number> {
  let n = 0;
  for (const schema of SCHEMAS) {
    const { rows } = await db.query<{ n: string }>(
      `SELECT count(*) AS n FROM "${schema}"."outbox" WHERE EXISTS (
         SELECT 1 FROM unnest($1::text[]) AS id WHERE payload::text LIKE '%' || id || '%')`,
      [ids],
    );
    n += Number(rows[0].n);
  }
  return n;
}

/**
 * Until nothing about `ids` (submission ids, office numbers) is in flight: no service's outbox holds an event
 * about them, and the given consumers have committed all there is on their topics (see pipelineSettled).
 */
export async function pipelineSettledFor(
  db: Client,
  ids: readonly string[],
  consumers: readonly ServiceConsumer[],
): Promise<void> {
  await pipelineSettled(kafkaOfRun(), groupTopics(consumers), () => unpublished(db, ids));
}

/**
 * Until the router's webhook queue has no push waiting, delayed for a retry or in progress for any of
 * `offices`: every push it has is completed or dead, and BullMQ runs neither again.
 */
export async function noPushPending(offices: readonly string[]): Promise<void> {
  const state = readState();
  const connection = new Redis(state.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(Queues.WebhookDelivery, { connection, prefix: `bull.${state.groupPrefix}` });
  try {
    await eventually(
      async () =>
        (await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'paused', 'waiting-children']))
          .filter((j) => j && offices.includes((j.data as { officeNumber?: string }).officeNumber ?? ''))
          .map((j) => j.id),
      (pending) => pending.length === 0,
    );
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
