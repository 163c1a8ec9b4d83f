import type { EntityManager } from 'typeorm';
import { pairKey, SubmissionReceivedEvent } from '@careplan/contracts';
import { publishEvent } from '@careplan/messaging';
import { GATEWAY_SCHEMA } from '../database/schema';
import type { SubmissionFileEntity } from './submission-file.entity';
import type { SubmissionEntity } from './submission.entity';

type FileFields = Pick<SubmissionFileEntity, 'id' | 'name' | 'kind' | 'contentType' | 'size' | 'sha256'>;

/**
 * Adds the received event of a submission to the outbox, keyed by its pair: built the same way at
 * acceptance and at a re-drive, so that a re-driven event is the original one, id included.
 */
export function publishReceived(
  m: EntityManager,
  submission: Pick<
    SubmissionEntity,
    'id' | 'senderOfficeNumber' | 'receiverOfficeNumber' | 'acceptedAt' | 'senderActor'
  >,
  files: FileFields[],
  eventId: string,
): Promise<SubmissionReceivedEvent> {
  return publishEvent(
    m,
    GATEWAY_SCHEMA,
    SubmissionReceivedEvent,
    pairKey(submission.senderOfficeNumber, submission.receiverOfficeNumber),
    {
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
    },
    { eventId, occurredAt: submission.acceptedAt },
  );
}
