import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AppException } from '@careplan/platform';
import { LicenseEntity } from '../licenses/license.entity';
import { RegistryErrors } from '../registry/registry.errors';
import { RegistryOfficeEntity } from '../registry/registry-office.entity';
import { decodeNumberCursor, pageOf } from '../registry/number-cursor';
import { DirectoryEntryDto, DirectoryPageDto, DirectoryQuery, ListingDto } from './dto/directory.dto';

const DEFAULT_PAGE = 50;

interface Row {
  officeNumber: string;
  name: string;
  kind: string;
  connectedSince: string;
}

const notConnected = (officeNumber: string) =>
  new AppException(
    'DIRECTORY_OFFICE_NOT_FOUND',
    HttpStatus.NOT_FOUND,
    {
      ja: `事業所番号「${officeNumber}」の事業所はケアプランデータ連携で受信できません（未登録またはライセンスなし）。`,
      en: `Office ${officeNumber} cannot receive through the exchange (not registered or not licensed).`,
    },
    { officeNumber },
  );

/** Offices that can receive through the exchange: active, with an active license. */
@Injectable()
export class DirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** An exact number always answers, even for an office that opted out of the searchable list. */
  async get(officeNumber: string): Promise<DirectoryEntryDto> {
    const row = await this.connected()
      .andWhere('o.officeNumber = :officeNumber', { officeNumber })
      .getRawOne<Row>();
    if (!row) throw notConnected(officeNumber);
    return row;
  }

  async list(q: DirectoryQuery): Promise<DirectoryPageDto> {
    const limit = q.limit ?? DEFAULT_PAGE;
    const qb = this.connected()
      .andWhere('o.listed')
      .orderBy('o.officeNumber', 'ASC')
      .limit(limit + 1);
    if (q.prefecture) qb.andWhere('o.prefecture = :prefecture', { prefecture: q.prefecture });
    if (q.district) qb.andWhere('o.district = :district', { district: q.district });
    if (q.name)
      qb.andWhere(`o.name ILIKE :name ESCAPE '\\'`, { name: `%${q.name.replace(/[\\%_]/g, '\\$&')}%` });
    if (q.cursor) qb.andWhere('o.officeNumber > :after', { after: decodeNumberCursor(q.cursor) });
    return pageOf(await qb.getRawMany<Row>(), limit, (r) => r);
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
      .select([
        'o.officeNumber AS "officeNumber"',
        'o.name AS "name"',
        'o.kind AS "kind"',
        `to_char(l.firstStart, 'YYYY-MM-DD') AS "connectedSince"`,
      ])
      .where(`o.active AND l.state = 'active'`);
  }
}
