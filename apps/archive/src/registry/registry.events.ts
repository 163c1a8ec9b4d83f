import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { BaseEvent, EventClass } from '@careplan/contracts';
import { addToOutbox } from '@careplan/messaging';
import { ARCHIVE_SCHEMA } from '../database/schema';

/** Something that publishes the outbox sooner than its next poll (the relay; absent in tools). */
export interface Nudger {
  nudge(): void;
}

/** Adds a registry event to the archive outbox in the caller's transaction; keyed by office number. */
export async function publishRegistryEvent<T extends BaseEvent>(
  m: EntityManager,
  cls: EventClass<T>,
  officeNumber: string,
  fields: Omit<T, 'eventId' | 'occurredAt'>,
): Promise<void> {
  const event = Object.assign(new cls(), {
    eventId: randomUUID(),
    occurredAt: new Date().toISOString(),
    ...fields,
  });
  await addToOutbox(m, ARCHIVE_SCHEMA, cls, officeNumber, event);
}
