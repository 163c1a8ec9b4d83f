import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { keysetPage, Page } from '@careplan/platform';
import type { OperatorContext } from '../operators/operator-scope';
import { AuditEntryEntity } from './audit-entry.entity';

/** The audit log's reads; its one write is recordAudit, in the acting feature's transaction. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first; only the prefecture's entries when one is given. */
  page(
    prefecture: string | null,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<AuditEntryEntity>> {
    const qb = this.dataSource.manager.createQueryBuilder(AuditEntryEntity, 'a');
    if (prefecture) qb.where('a.prefecture = :prefecture', { prefecture });
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
