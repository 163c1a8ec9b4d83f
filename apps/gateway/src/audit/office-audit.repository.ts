import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuditActor } from '@careplan/contracts';
import { keysetPage, Page } from '@careplan/platform';
import {
  OfficeAuditAction,
  OfficeAuditEntity,
  OfficeAuditOrigin,
  OfficeAuditTarget,
} from './office-audit.entity';

/** One change to record: the office, what was done to which key or staff user, by whom. */
export interface OfficeAuditChange {
  officeNumber: string;
  action: OfficeAuditAction;
  origin: OfficeAuditOrigin;
  /** The office's key or staff user, or the operator, that did it; none for the service's change. */
  actor?: AuditActor;
  target: { type: OfficeAuditTarget; id: string; label: string };
  details?: Record<string, unknown>;
  at: Date;
}

/** The office audit trail's reads; its writes are recordOfficeAudit, in the changing feature's transaction. */
@Injectable()
export class OfficeAuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Newest first, the office's own entries only. */
  pageForOffice(
    officeNumber: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<OfficeAuditEntity>> {
    const qb = this.dataSource.manager
      .createQueryBuilder(OfficeAuditEntity, 'a')
      .where('a.officeNumber = :officeNumber', { officeNumber });
    return keysetPage(qb, 'at', cursor, limit, (rows) => rows);
  }
}

/**
 * Appends changes in the caller's transaction: a change and its audit entries commit together, or neither does.
 * A function rather than a method, so each feature writes it with its own entity manager (as the archive's
 * recordAudit).
 */
export async function recordOfficeAudit(m: EntityManager, ...changes: OfficeAuditChange[]): Promise<void> {
  if (changes.length === 0) return;
  await m.save(
    changes.map((c) =>
      m.create(OfficeAuditEntity, {
        officeNumber: c.officeNumber,
        at: c.at,
        action: c.action,
        origin: c.origin,
        actorType: c.actor?.type ?? null,
        actorId: c.actor?.id ?? null,
        actorLabel: c.actor?.label ?? null,
        targetType: c.target.type,
        targetId: c.target.id,
        targetLabel: c.target.label,
        details: c.details ?? {},
      }),
    ),
  );
}
