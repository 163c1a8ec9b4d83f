import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pageLimit, PageQuery } from '@careplan/contracts';
import { keysetPage, Page } from '@careplan/platform';
import { OperatorContext, prefectureFilter } from '../operators/operator-scope';
import { AuditEntryEntity } from './audit-entry.entity';
import type { AuditEntryDto } from './dto/audit.dto';

/** Reads the audit log, newest first; a prefecture operator sees its prefecture's entries. */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(op: OperatorContext, q: PageQuery = {}): Promise<Page<AuditEntryDto>> {
    const prefecture = prefectureFilter(op);
    const qb = this.dataSource.manager.createQueryBuilder(AuditEntryEntity, 'a');
    if (prefecture) qb.where('a.prefecture = :prefecture', { prefecture });
    return keysetPage(qb, 'at', q.cursor, pageLimit(q), (rows) =>
      rows.map((a) => ({
        id: a.id,
        at: a.at.toISOString(),
        operatorId: a.operatorId,
        operatorName: a.operatorName,
        action: a.action,
        prefecture: a.prefecture,
        target: a.target,
        details: a.details,
      })),
    );
  }
}
