import { randomUUID } from 'node:crypto';
import { Consumer, Kafka, KafkaMessage, logLevel, Producer } from 'kafkajs';
import { dlqTopicOf, Topics } from '@careplan/contracts';
import { eventually } from './support/api';
import { createAdmin, createPrefectureOperator, ops } from './support/ops';
import { readState } from './support/state';
import { runArchiveCli, serviceEnv } from './support/system';

interface Problem {
  code: string;
  message: { ja: string; en: string };
}
interface DlqMessage {
  id: string;
  eventId: string | null;
  eventType: string;
  submissionId: string | null;
  consumer: string | null;
  error: string | null;
  failedAt: string | null;
  replayedAt: string | null;
  replayedBy: string | null;
}
interface DlqPage {
  items: DlqMessage[];
  nextCursor: string | null;
}

// A downloaded receipt of a delivery nobody knows: what the consumers do with its replay does not matter here.
const TOPIC = Topics.DeliveryDownloaded;

describe('Kafka dead letters through the operations API and the ops command', () => {
  const state = readState();
  const kafka = new Kafka({
    clientId: 'e2e-kafka-dlq',
    brokers: state.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  });
  let producer: Producer;
  let consumer: Consumer;
  const onTopic: KafkaMessage[] = [];
  let admin: string;
  let okinawa: string;
  const event = {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    deliveryId: randomUUID(),
    submissionId: randomUUID(),
    senderOfficeNumber: '1371201367',
    receiverOfficeNumber: '1371500420',
  };
  const cli = (...args: string[]) => runArchiveCli(['dlq', ...args], serviceEnv(state));
  const mine = (page: DlqPage) => page.items.filter((m) => m.eventId === event.eventId);

  beforeAll(async () => {
    admin = createAdmin('中央 DLQ 担当');
    okinawa = await createPrefectureOperator(admin, '沖縄県国保連 DLQ', '47');
    producer = kafka.producer();
    await producer.connect();
    consumer = kafka.consumer({ groupId: `${state.groupPrefix}.e2e-dlq-watch` });
    await consumer.connect();
    await consumer.subscribe({ topic: `${state.topicPrefix}${TOPIC}`, fromBeginning: true });
    await consumer.run({ eachMessage: ({ message }) => Promise.resolve(void onTopic.push(message)) });
    // What a consumer that gave up on the event would have written.
    await producer.send({
      topic: `${state.topicPrefix}${dlqTopicOf(TOPIC)}`,
      acks: -1,
      messages: [
        {
          key: '1371201367>1371500420',
          value: JSON.stringify(event),
          headers: {
            'x-error': 'QueryFailedError: connect ECONNREFUSED',
            'x-attempts': '5',
            'x-consumer': 'gateway-receipts',
            'x-original-topic': `${state.topicPrefix}${TOPIC}`,
            'x-original-partition': '0',
            'x-original-offset': '0',
            'x-failed-at': new Date().toISOString(),
          },
        },
      ],
    });
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
  });

  it('lists the message for a central administrator only, with validated queries', async () => {
    const page = await ops<DlqPage>(admin, 'GET', `/ops/v1/dlq?topic=${TOPIC}&limit=10`);
    expect(page.status).toBe(200);
    expect(mine(page.body)).toEqual([
      expect.objectContaining({
        eventType: 'delivery.downloaded',
        submissionId: event.submissionId,
        consumer: 'gateway-receipts',
        error: 'QueryFailedError: connect ECONNREFUSED',
        replayedAt: null,
      }),
    ]);
    expect((await ops<Problem>(okinawa, 'GET', '/ops/v1/dlq')).body.code).toBe('OPS_ROLE');
    expect((await ops<Problem>(undefined, 'GET', '/ops/v1/dlq')).status).toBe(401);
    expect((await ops<Problem>(admin, 'GET', '/ops/v1/dlq?topic=careplan.nope.v1')).body.code).toBe(
      'DLQ_TOPIC_UNKNOWN',
    );
    const badLimit = await ops<Problem>(admin, 'GET', '/ops/v1/dlq?limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.headers.get('content-type')).toContain('application/problem+json');
  });

  it('replays it once onto its topic; a second replay is refused unless forced', async () => {
    const [dead] = mine((await ops<DlqPage>(admin, 'GET', `/ops/v1/dlq?topic=${TOPIC}`)).body);
    expect((await ops<Problem>(okinawa, 'POST', '/ops/v1/dlq/replay', { ids: [dead.id] })).body.code).toBe(
      'OPS_ROLE',
    );
    expect((await ops<Problem>(admin, 'POST', '/ops/v1/dlq/replay', { ids: ['x'] })).status).toBe(400);
    const replay = await ops(admin, 'POST', '/ops/v1/dlq/replay', { ids: [dead.id] });
    expect(replay).toMatchObject({ status: 200, body: { replayed: 1, ids: [dead.id] } });

    const replayed = () => onTopic.filter((m) => m.headers?.['x-replayed-from']?.toString() === dead.id);
    await eventually(
      () => Promise.resolve(replayed().length),
      (n) => n >= 1,
    );
    const again = await ops<Problem & { ids: string[] }>(admin, 'POST', '/ops/v1/dlq/replay', {
      ids: [dead.id],
    });
    expect(again).toMatchObject({ status: 409, body: { code: 'DLQ_ALREADY_REPLAYED', ids: [dead.id] } });
    expect(replayed()).toHaveLength(1);
    expect(JSON.parse(replayed()[0].value?.toString() ?? '')).toEqual(event);

    const audit = await ops<{ items: { action: string; target: string; operatorName: string }[] }>(
      admin,
      'GET',
      '/ops/v1/audit',
    );
    expect(audit.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'kafka-dlq.replay',
          target: dead.id,
          operatorName: '中央 DLQ 担当',
        }),
      ]),
    );
  });

  it('lists and replays from the command line too', async () => {
    const lines = cli('list', '--topic', TOPIC)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as DlqMessage);
    const [dead] = lines.filter((m) => m.eventId === event.eventId);
    expect(dead).toMatchObject({ replayedBy: '中央 DLQ 担当' });
    expect(cli('list', '--topic', TOPIC, '--table')).toMatch(
      new RegExp(`^id\\s+eventType.*\\n.*${dead.id}`, 's'),
    );

    expect(() => cli('replay', dead.id)).toThrow(/DLQ_ALREADY_REPLAYED/);
    expect(JSON.parse(cli('replay', dead.id, '--force'))).toEqual({ replayed: 1, ids: [dead.id] });
    await eventually(
      () =>
        Promise.resolve(onTopic.filter((m) => m.headers?.['x-replayed-from']?.toString() === dead.id).length),
      (n) => n === 2,
    );
    const [after] = mine({
      items: cli('list', '--topic', TOPIC)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as DlqMessage),
      nextCursor: null,
    });
    expect(after.replayedBy).toBe('command-line');
  });
});
