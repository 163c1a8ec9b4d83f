import { EntityManager } from 'typeorm';
import { BaseEvent, EventClass } from '@careplan/contracts';
import { EventFields, publishEvent } from '@careplan/messaging';
import { ARCHIVE_SCHEMA } from '../database/schema';

/** Adds a registry event to the archive outbox in the caller's transaction; keyed by office number. */
export async function publishRegistryEvent<T extends BaseEvent>(
  m: EntityManager,
  cls: EventClass<T>,
  officeNumber: string,
  fields: EventFields<T>,
): Promise<void> {
  await publishEvent(m, ARCHIVE_SCHEMA, cls, officeNumber, fields);
}
