import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { pageLimit } from '@careplan/contracts';
import { Page, parseInstant } from '@careplan/platform';
import { OperatorContext, prefectureFilter } from '../operators/operator-scope';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditFilter, AuditRepository } from './audit.repository';
import type { AuditEntryDto, AuditQuery } from './dto/audit.dto';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Reads the audit log, newest first; a prefecture operator sees its prefecture's entries. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(op: OperatorContext, q: AuditQuery = {}): Promise<Page<AuditEntryDto>> {
    const page = await this.audit.page(auditFilter(op, q), q.cursor, pageLimit(q));
    return { ...page, items: page.items.map(toDto) };
  }
}

/** The query's filters, checked by the DTO already: `to` a date covers that whole Japan day. */
function auditFilter(op: OperatorContext, q: AuditQuery): AuditFilter {
  const f: AuditFilter = { prefecture: prefectureFilter(op) };
  if (q.operator !== undefined) {
    if (isUUID(q.operator)) f.operatorId = q.operator.toLowerCase();
    else f.operatorName = q.operator;
  }
  if (q.action !== undefined) f.actionPrefix = q.action;
  if (q.office !== undefined) f.target = q.office;
  const from = q.from === undefined ? null : parseInstant(q.from);
  if (from) f.from = from.at;
  const to = q.to === undefined ? null : parseInstant(q.to);
  if (to) f.before = new Date(to.at.getTime() + (to.dateOnly ? DAY_MS : 1));
  return f;
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
