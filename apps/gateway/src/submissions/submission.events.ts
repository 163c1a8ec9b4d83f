import type { EntityManager } from 'typeorm';
import { pairKey, SubmissionReceivedEvent } from '@careplan/contracts';
import { stampEvent, EventFields, publishEvent } from '@careplan/messaging';
import { GATEWAY_SCHEMA } from '../database/schema';
import type { SubmissionFileEntity } from './submission-file.entity';
import type { SubmissionEntity } from './submission.entity';

type FileFields = Pick<SubmissionFileEntity, 'id' | 'name' | 'kind' | 'contentType' | 'size' | 'sha256'>;
type ReceivedOf = Pick<
  SubmissionEntity,
  'id' | 'senderOfficeNumber' | 'receiverOfficeNumber' | 'acceptedAt' | 'senderActor'
>;

/**
 * Adds the received event of a submission to the outbox, keyed by its pair: built the same way at
 * acceptance (receivedEvent) and at a re-drive, so that a re-driven event is the original one, id included.
 */
export function publishReceived(
  m: EntityManager,
  submission: ReceivedOf,
  files: FileFields[],
  eventId: string,
): Promise<SubmissionReceivedEvent> {
  return publishEvent(
    m,
    GATEWAY_SCHEMA,
    SubmissionReceivedEvent,
    receivedKey(submission),
    receivedFields(submission, files),
    {
      eventId,
      occurredAt: submission.acceptedAt,
    },
  );
}

/** The received event of a submission being accepted, for the accepting statement's outbox row. */
export function receivedEvent(
  submission: ReceivedOf,
  files: FileFields[],
  eventId: string,
): { topic: string; key: string; event: SubmissionReceivedEvent } {
  return {
    topic: SubmissionReceivedEvent.topic,
    key: receivedKey(submission),
    event: stampEvent(SubmissionReceivedEvent, receivedFields(submission, files), {
      eventId,
      occurredAt: submission.acceptedAt,
    }),
  };
}

/** The pair's key: one pair's events stay on one partition, in order. */
function receivedKey(submission: ReceivedOf): string {
  return pairKey(submission.senderOfficeNumber, submission.receiverOfficeNumber);
}

function receivedFields(submission: ReceivedOf, files: FileFields[]): EventFields<SubmissionReceivedEvent> {
  return {
    submissionId: submission.id,
    senderOfficeNumber: submission.senderOfficeNumber,
    receiverOfficeNumber: submission.receiverOfficeNumber,
    files: files.map((f) => ({
      fileId: f.id,
      name: f.name,
      kind: f.kind,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
    })),
    // Submissions accepted before actors were recorded have none: the event then leaves it out.
    ...(submission.senderActor ? { actor: submission.senderActor } : {}),
  };
}
