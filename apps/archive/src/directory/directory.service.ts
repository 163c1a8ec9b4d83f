import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import {
  DirectoryEntryDto,
  DirectoryPageDto,
  DirectoryQuery,
  ListingDto,
  OFFICE_NUMBER_PATTERN,
  pageLimit,
  Problems,
} from '@careplan/contracts';
import { keysetPage, problem } from '@careplan/platform';
import { LicenseEntity } from '../licenses/license.entity';
import { RegistryErrors } from '../registry/registry.errors';
import { RegistryOfficeEntity } from '../registry/registry-office.entity';

const notConnected = (officeNumber: string) =>
  problem(Problems.DIRECTORY_OFFICE_NOT_FOUND, { officeNumber }, { officeNumber });

/** Offices that can receive through the exchange: active, with an active license. */
@Injectable()
export class DirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An exact number always answers, even for an office that opted out of the searchable list. */
  async get(officeNumber: string): Promise<DirectoryEntryDto> {
    const {
      entities: [office],
      raw: [row],
    } = await this.connected()
      .andWhere('o.officeNumber = :officeNumber', { officeNumber })
      .getRawAndEntities<Record<string, unknown>>();
    if (!office || !row) throw notConnected(officeNumber);
    return toEntry(office, row);
  }

  list(q: DirectoryQuery): Promise<DirectoryPageDto> {
    const qb = this.connected().andWhere('o.listed');
    if (q.prefecture) qb.andWhere('o.prefecture = :prefecture', { prefecture: q.prefecture });
    if (q.district) qb.andWhere('o.district = :district', { district: q.district });
    if (q.name)
      qb.andWhere(`o.name ILIKE :name ESCAPE '\\'`, { name: `%${q.name.replace(/[\\%_]/g, '\\$&')}%` });
    return keysetPage(
      qb,
      { ascending: 'officeNumber', valid: (n) => OFFICE_NUMBER_PATTERN.test(n) },
      q.cursor,
      pageLimit(q),
      (offices, raw) => offices.map((o, i) => toEntry(o, raw[i])),
    );
  }

  /** The office's own choice (from its vendor software, through the gateway). */
  async setListed(officeNumber: string, listed: boolean): Promise<ListingDto> {
    const result = await this.dataSource.manager.update(RegistryOfficeEntity, { officeNumber }, { listed });
    if (!result.affected) throw RegistryErrors.notFound(officeNumber);
    return { officeNumber, listed };
  }

  private connected(): SelectQueryBuilder<RegistryOfficeEntity> {
    return this.dataSource.manager
      .createQueryBuilder(RegistryOfficeEntity, 'o')
      .innerJoin(LicenseEntity, 'l', 'l.officeNumber = o.officeNumber')
      .addSelect(`to_char(l.firstStart, 'YYYY-MM-DD')`, 'connected_since')
      .where(`o.active AND l.state = 'active'`);
  }
}

/** `raw`: the row as read, with the column connected() adds to the office's. */
function toEntry(o: RegistryOfficeEntity, raw: Record<string, unknown>): DirectoryEntryDto {
  return {
    officeNumber: o.officeNumber,
    name: o.name,
    kind: o.kind,
    connectedSince: raw.connected_since as string,
  };
}
