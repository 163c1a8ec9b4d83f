import type { OfficeAuditEntryDto } from './dto/office-audit.dto';
import type { OfficeAuditEntity } from './office-audit.entity';

export function toOfficeAuditEntryDto(a: OfficeAuditEntity): OfficeAuditEntryDto {
  return {
    id: a.id,
    at: a.at.toISOString(),
    action: a.action,
    origin: a.origin,
    actor: a.actorType && a.actorId ? { type: a.actorType, id: a.actorId, label: a.actorLabel ?? '' } : null,
    target: { type: a.targetType, id: a.targetId, label: a.targetLabel },
    details: a.details,
  };
}
