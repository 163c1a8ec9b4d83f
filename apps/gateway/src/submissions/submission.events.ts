import { SubmissionReceivedEvent } from '@careplan/contracts';
import type { SubmissionFileEntity } from './submission-file.entity';
import type { SubmissionEntity } from './submission.entity';

type FileFields = Pick<SubmissionFileEntity, 'id' | 'name' | 'kind' | 'contentType' | 'size' | 'sha256'>;

/**
 * The received event of a submission: built the same way at acceptance and at a re-drive, so that a
 * re-driven event is the original one, id included.
 */
export function receivedEvent(
  submission: Pick<SubmissionEntity, 'id' | 'senderOfficeNumber' | 'receiverOfficeNumber' | 'acceptedAt'>,
  files: FileFields[],
  eventId: string,
): SubmissionReceivedEvent {
  return Object.assign(new SubmissionReceivedEvent(), {
    eventId,
    occurredAt: submission.acceptedAt.toISOString(),
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
  });
}
