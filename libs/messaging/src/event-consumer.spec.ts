import type { DataSource } from 'typeorm';
import { MetricsService } from '@careplan/platform';
import { EventConsumer, type ConsumerOptions } from './event-consumer';
import type { KafkaService } from './kafka.service';
import { PingEvent } from './testing/ping.fixture';

describe('EventConsumer options', () => {
  // Nothing here connects: the constructor only checks the options and compiles the payload checks.
  const kafka = { topic: (t: string) => `unit.${t}` } as unknown as KafkaService;
  const build = (options: Partial<ConsumerOptions>, handler: object) =>
    new EventConsumer(kafka, {} as DataSource, new MetricsService('unit'), {
      name: 'unit',
      schema: 'unit',
      handlers: [{ event: PingEvent, handle: () => Promise.resolve(), ...handler }],
      ...options,
    });

  it('refuses onDuplicate without the processed-event rows it needs', () => {
    expect(() => build({ idempotentEffects: true }, { onDuplicate: () => Promise.resolve() })).toThrow(
      'consumer unit: onDuplicate needs the processed-event rows',
    );
  });

  it('refuses handleAll on a consumer whose effects are not idempotent, which would never call it', () => {
    expect(() => build({}, { handleAll: () => Promise.resolve() })).toThrow(
      'consumer unit: handleAll is for consumers with idempotent effects',
    );
    expect(() => build({ idempotentEffects: true }, { handleAll: () => Promise.resolve() })).not.toThrow();
  });
});
