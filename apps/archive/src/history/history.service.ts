import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { BaseEvent } from '@careplan/contracts';
import { keysetPage } from '@careplan/platform';
import { HistoryItemDto, HistoryPageDto } from './dto/history.dto';
import { HistoryRecordEntity } from './history-record.entity';
import { historyRowsFor } from './history.mapping';

const DEFAULT_PAGE = 50;

@Injectable()
export class HistoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends the event's rows; a replayed event adds nothing (unique event id per office). */
  async record(e: BaseEvent, m: EntityManager): Promise<void> {
    const rows = historyRowsFor(e);
    if (rows.length === 0) return;
    await m.createQueryBuilder().insert().into(HistoryRecordEntity).values(rows).orIgnore().execute();
  }

  list(officeNumber: string, cursor?: string, limit = DEFAULT_PAGE): Promise<HistoryPageDto> {
    const qb = this.dataSource.manager
      .createQueryBuilder(HistoryRecordEntity, 'h')
      .where('h.officeNumber = :officeNumber', { officeNumber });
    return keysetPage(qb, 'occurredAt', cursor, limit, (rows) => rows.map(toDto));
  }
}

function toDto(h: HistoryRecordEntity): HistoryItemDto {
  return {
    id: h.id,
    event: h.event,
    role: h.role,
    officeNumber: h.officeNumber,
    counterpartOfficeNumber: h.counterpartOfficeNumber,
    submissionId: h.submissionId,
    deliveryId: h.deliveryId,
    files: h.files,
    occurredAt: h.occurredAt.toISOString(),
  };
}
