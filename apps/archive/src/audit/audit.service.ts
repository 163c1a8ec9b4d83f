import { Injectable } from '@nestjs/common';
import { pageLimit, PageQuery } from '@careplan/contracts';
import { Page } from '@careplan/platform';
import { OperatorContext, prefectureFilter } from '../operators/operator-scope';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditRepository } from './audit.repository';
import type { AuditEntryDto } from './dto/audit.dto';

/** Reads the audit log, newest first; a prefecture operator sees its prefecture's entries. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(op: OperatorContext, q: PageQuery = {}): Promise<Page<AuditEntryDto>> {
    const page = await this.audit.page(prefectureFilter(op), q.cursor, pageLimit(q));
    return { ...page, items: page.items.map(toDto) };
  }
}

function toDto(a: AuditEntryEntity): AuditEntryDto {
  return {
    id: a.id,
    at: a.at.toISOString(),
    operatorId: a.operatorId,
    operatorName: a.operatorName,
    action: a.action,
    prefecture: a.prefecture,
    target: a.target,
    details: a.details,
  };
}
