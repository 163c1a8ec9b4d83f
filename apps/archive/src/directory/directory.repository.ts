import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';
import { containsPattern } from '@careplan/persistence';
import { keysetPage, Page } from '@careplan/platform';
import { LicenseEntity } from '../licenses/license.entity';
import { RegistryOfficeEntity } from '../registry/registry-office.entity';

/** A connected office and the day its license first started. */
export interface ConnectedOffice {
  office: RegistryOfficeEntity;
  connectedSince: string;
}

export interface ListedFilter {
  prefecture?: string;
  district?: string;
  /** Part of the name, matched literally (no wildcards). */
  name?: string;
}

/** The directory's reads of the registry and the licenses: offices that are active with an active license. */
@Injectable()
export class DirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether listed or not: an exact number always answers. */
  async findConnected(officeNumber: string): Promise<ConnectedOffice | null> {
    const {
      entities: [office],
      raw: [row],
    } = await this.connected()
      .andWhere('o.officeNumber = :officeNumber', { officeNumber })
      .getRawAndEntities<Record<string, unknown>>();
    return office && row ? withConnectedSince(office, row) : null;
  }

  /** Listed connected offices by office number. */
  pageListed(
    filter: ListedFilter,
    cursor: string | undefined,
    limit: number,
  ): Promise<Page<ConnectedOffice>> {
    const qb = this.connected().andWhere('o.listed');
    if (filter.prefecture) qb.andWhere('o.prefecture = :prefecture', { prefecture: filter.prefecture });
    if (filter.district) qb.andWhere('o.district = :district', { district: filter.district });
    if (filter.name) qb.andWhere(`o.name ILIKE :name ESCAPE '\\'`, { name: containsPattern(filter.name) });
    return keysetPage(
      qb,
      { ascending: 'officeNumber', valid: (n) => OFFICE_NUMBER_PATTERN.test(n) },
      cursor,
      limit,
      (offices, raw) => offices.map((o, i) => withConnectedSince(o, raw[i])),
    );
  }

  /** False when no such office is registered. */
  async setListed(officeNumber: string, listed: boolean): Promise<boolean> {
    const result = await this.dataSource.manager.update(RegistryOfficeEntity, { officeNumber }, { listed });
    return Boolean(result.affected);
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
function withConnectedSince(office: RegistryOfficeEntity, raw: Record<string, unknown>): ConnectedOffice {
  return { office, connectedSince: raw.connected_since as string };
}
