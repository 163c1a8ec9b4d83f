import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { OfficeEntity } from './office.entity';

/**
 * The gateway's read model of the archive's offices (written by the registry projection from events): what an
 * authenticated request and a change of keys or webhook look up.
 */
@Injectable()
export class OfficesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(officeNumber: string, m: EntityManager = this.dataSource.manager): Promise<OfficeEntity | null> {
    return m.findOne(OfficeEntity, { where: { officeNumber } });
  }
}
