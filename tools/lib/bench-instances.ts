// Several instances of each service in the pipeline benchmark (scripts/bench.sh --instances N): their names,
// figures added up per service, and how the instances of each consumer group shared its partitions and messages.
import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';

/** The first instance keeps the service's name, the others are `<service>-<k>` (router-2), as bench.sh names them. */
export function instanceName(service: string, k: number): string {
  return k <= 1 ? service : `${service}-${k}`;
}

/** The service an instance belongs to: router-2 → router; any other name is its own (pg-proxy, kafka). */
export function serviceOf(name: string): string {
  return /^(.+)-\d+$/.exec(name)?.[1] ?? name;
}

/** Whether a set of names holds a second instance of anything. */
export function hasInstances(names: Iterable<string>): boolean {
  for (const n of names) if (serviceOf(n) !== n) return true;
  return false;
}

/** The figures of each service's instances added up under the service's name, in first-seen order. */
export function byService(values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, v] of Object.entries(values)) {
    const s = serviceOf(name);
    out[s] = (out[s] ?? 0) + v;
  }
  return out;
}

/** consumer → outcome (processed, duplicate, idle, dead_lettered) → messages. */
export type MessageCounts = Record<string, Record<string, number>>;

const MESSAGES = 'careplan_kafka_messages_total';

/** The consumers' careplan_kafka_messages_total in one /metrics text, added up over topics. */
export function messageCounts(text: string): MessageCounts {
  const out: MessageCounts = {};
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${MESSAGES}{`)) continue;
    const close = line.lastIndexOf('}');
    const labels = Object.fromEntries(
      [...line.slice(MESSAGES.length + 1, close).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [
        m[1],
        m[2],
      ]),
    );
    const value = Number(line.slice(close + 1).trim());
    if (!labels.consumer || !labels.outcome || !Number.isFinite(value)) continue;
    const c = (out[labels.consumer] ??= {});
    c[labels.outcome] = (c[labels.outcome] ?? 0) + value;
  }
  return out;
}

/** What was counted between two readings (a counter absent before started at zero). */
export function countsSince(before: MessageCounts, after: MessageCounts): MessageCounts {
  return Object.fromEntries(
    Object.entries(after).map(([consumer, outcomes]) => [
      consumer,
      Object.fromEntries(Object.entries(outcomes).map(([o, n]) => [o, n - (before[consumer]?.[o] ?? 0)])),
    ]),
  );
}

/** Per instance name, its consumers' counts → per consumer, what each instance handled. */
export function byConsumer(perInstance: Record<string, MessageCounts>): Record<string, MessageCounts> {
  const out: Record<string, MessageCounts> = {};
  for (const [instance, counts] of Object.entries(perInstance)) {
    for (const [consumer, outcomes] of Object.entries(counts)) (out[consumer] ??= {})[instance] = outcomes;
  }
  return out;
}

/** One member of a consumer group as the broker describes it: the partitions it was assigned. */
export interface GroupMember {
  clientId: string;
  partitions: number;
  assignment: Record<string, number[]>;
}

/**
 * The members of the run's consumer groups (`<prefix>.<consumer>`, those of `exclude` left out) and their
 * partitions, from the broker. The broker does not tell instances of one service apart (same client id and
 * host): a member is counted, not named; what each instance handled comes from its own /metrics.
 */
export async function groupMembers(
  brokers: string[],
  groupPrefix: string,
  exclude?: string,
): Promise<Record<string, GroupMember[]>> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ids = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(`${groupPrefix}.`) && !(exclude && g.startsWith(exclude)))
      .sort();
    if (ids.length === 0) return {};
    const { groups } = await admin.describeGroups(ids);
    return Object.fromEntries(
      groups.map((g) => [
        g.groupId.slice(groupPrefix.length + 1),
        g.members
          .map((m): GroupMember => {
            const assignment = m.memberAssignment.length
              ? (AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {})
              : {};
            const partitions = Object.values(assignment).reduce((n, p) => n + p.length, 0);
            return { clientId: m.clientId, partitions, assignment };
          })
          .sort((a, b) => b.partitions - a.partitions),
      ]),
    );
  } finally {
    await admin.disconnect();
  }
}

/** Messages not yet committed by each group on the topics its members were assigned. */
export async function groupLag(
  brokers: string[],
  groupPrefix: string,
  groups: Record<string, GroupMember[]>,
): Promise<Record<string, number>> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const out: Record<string, number> = {};
    for (const [name, members] of Object.entries(groups)) {
      const topics = [...new Set(members.flatMap((m) => Object.keys(m.assignment)))];
      let lag = 0;
      if (topics.length) {
        const committed = await admin.fetchOffsets({ groupId: `${groupPrefix}.${name}`, topics });
        for (const { topic, partitions } of committed) {
          const high = new Map(
            (await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]),
          );
          for (const p of partitions)
            lag += Math.max(0, (high.get(p.partition) ?? 0) - Math.max(0, Number(p.offset)));
        }
      }
      out[name] = lag;
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

/** Waits until every group of the run has committed all it was given (or timeoutMs); returns the last lag. */
export async function waitCaughtUp(
  brokers: string[],
  groupPrefix: string,
  exclude: string,
  timeoutMs: number,
): Promise<{ members: Record<string, GroupMember[]>; lag: Record<string, number> }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const members = await groupMembers(brokers, groupPrefix, exclude);
    const lag = await groupLag(brokers, groupPrefix, members);
    if (Object.values(lag).every((n) => n === 0) || Date.now() > deadline) return { members, lag };
    await new Promise((r) => setTimeout(r, 500));
  }
}
