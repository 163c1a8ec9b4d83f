import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { containsPattern, prefixPattern } from '@careplan/persistence';
import { keysetPage, Page } from '@careplan/platform';
import type { OperatorContext } from '../operators/operator-scope';
import { AuditEntryEntity } from './audit-entry.entity';

/** Checked filters of the audit log; `before` is exclusive. */
export interface AuditFilter {
  /** Only this prefecture's entries (a prefecture operator's, or what a central one asked for). */
  prefecture: string | null;
  operatorId?: string;
  /** Part of the operator's name. */
  operatorName?: string;
  actionPrefix?: string;
  /** The office number the entry targets. */
  target?: string;
  from?: Date;
  before?: Date;
}

/** The audit log's reads; its one write is recordAudit, in the acting feature's transaction. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, the entries matching every filter given. */
  page(filter: AuditFilter, cursor: string | undefined, limit: number): Promise<Page<AuditEntryEntity>> {
    const qb = this.dataSource.manager.createQueryBuilder(AuditEntryEntity, 'a');
    const f = filter;
    if (f.prefecture) qb.andWhere('a.prefecture = :prefecture', { prefecture: f.prefecture });
    if (f.operatorId) qb.andWhere('a.operatorId = :operatorId', { operatorId: f.operatorId });
    if (f.operatorName)
      qb.andWhere(`a.operatorName ILIKE :operatorName ESCAPE '\\'`, {
        operatorName: containsPattern(f.operatorName),
      });
    if (f.actionPrefix)
      qb.andWhere(`a.action LIKE :action ESCAPE '\\'`, { action: prefixPattern(f.actionPrefix) });
    if (f.target) qb.andWhere('a.target = :target', { target: f.target });
    if (f.from) qb.andWhere('a.at >= :from', { from: f.from });
    if (f.before) qb.andWhere('a.at < :before', { before: f.before });
    return keysetPage(qb, 'at', cursor, limit, (rows) => rows);
  }
}

/**
 * Appends one operator action in the caller's transaction: the action and its audit entry commit together.
 * A function rather than a method: every feature, and the command-line tools without a Nest container, write
 * entries inside their own transaction.
 */
export async function recordAudit(
  m: EntityManager,
  actor: Pick<OperatorContext, 'name'> & { id: string | null },
  action: string,
  target: string,
  details: Record<string, unknown> = {},
  prefecture: string | null = null,
): Promise<void> {
  await m.save(
    m.create(AuditEntryEntity, {
      operatorId: actor.id,
      operatorName: actor.name,
      action,
      target,
      details,
      prefecture,
    }),
  );
}
