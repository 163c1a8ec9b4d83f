import { SubmissionFileEntity } from './submission-file.entity';
import { SubmissionEntity } from './submission.entity';
import { SubmissionDto, SubmissionFileDto } from './dto/submission.dto';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export function toFileDto(f: Omit<SubmissionFileEntity, 'submission'>): SubmissionFileDto {
  return { id: f.id, name: f.name, kind: f.kind, contentType: f.contentType, size: f.size, sha256: f.sha256 };
}

export function toSubmissionDto(
  s: Omit<SubmissionEntity, 'files'>,
  files: Omit<SubmissionFileEntity, 'submission'>[],
): SubmissionDto {
  return {
    id: s.id,
    from: s.senderOfficeNumber,
    to: s.receiverOfficeNumber,
    sequence: s.pairSeq,
    status: s.status,
    statusUrl: `/v1/submissions/${s.id}`,
    timeline: {
      acceptedAt: s.acceptedAt.toISOString(),
      validatedAt: iso(s.validatedAt),
      rejectedAt: iso(s.rejectedAt),
      deliveredAt: iso(s.deliveredAt),
      downloadedAt: iso(s.downloadedAt),
      acknowledgedAt: iso(s.acknowledgedAt),
    },
    files: [...files].sort((a, b) => a.position - b.position).map(toFileDto),
    report: s.report,
  };
}
