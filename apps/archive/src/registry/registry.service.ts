import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import {
  ApiKeyIssuedEvent,
  ApiKeyRevokedEvent,
  OFFICE_NUMBER_PATTERN,
  OfficeChangedEvent,
  pageLimit,
} from '@careplan/contracts';
import { inTransactionThenNudge, OutboxRelay } from '@careplan/messaging';
import { keysetPage } from '@careplan/platform';
import { officeNumberCheckDigitValid } from '@careplan/spec';
import { advisoryLock } from '@careplan/persistence';
import { recordAudit } from '../audit/audit';
import { todayInTokyo } from '../licenses/calendar';
import { endLicenseOf } from '../licenses/license.store';
import {
  canSeeOffice,
  districtOf,
  OperatorContext,
  prefectureFilter,
  prefectureOf,
  ScopeErrors,
} from '../operators/operator-scope';
import {
  CreateOfficeDto,
  IssuedKeyDto,
  KeyDto,
  ListOfficesQuery,
  OfficeDto,
  OfficePageDto,
  UpdateOfficeDto,
} from './dto/office.dto';
import { OfficeKeyEntity } from './office-key.entity';
import { newOfficeKey } from './office-key';
import { RegistryErrors } from './registry.errors';
import { publishRegistryEvent } from './registry.events';
import { RegistryOfficeEntity } from './registry-office.entity';

/** Offices and their keys: every change is audited and published to the gateway through the outbox. */
@Injectable()
export class RegistryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  async create(op: OperatorContext, dto: CreateOfficeDto): Promise<OfficeDto> {
    if (!officeNumberCheckDigitValid(dto.officeNumber)) throw RegistryErrors.checkDigit(dto.officeNumber);
    const prefecture = prefectureOf(dto.officeNumber);
    if (!canSeeOffice(op, dto.officeNumber)) throw ScopeErrors.scope(prefecture);
    const office = await this.write(async (m) => {
      // Two operators registering the same number at once: the second waits, then sees it exists.
      await advisoryLock(m, `office:${dto.officeNumber}`);
      if (await m.findOne(RegistryOfficeEntity, { where: { officeNumber: dto.officeNumber } })) {
        throw RegistryErrors.exists(dto.officeNumber);
      }
      const created = await insertOffice(m, dto.officeNumber, dto.name, dto.kind);
      await recordAudit(m, op, 'office.create', dto.officeNumber, { ...dto }, prefecture);
      return created;
    });
    return toOfficeDto(office);
  }

  async update(op: OperatorContext, officeNumber: string, dto: UpdateOfficeDto): Promise<OfficeDto> {
    const office = await this.write(async (m) => {
      const o = await this.lockVisible(m, op, officeNumber);
      Object.assign(o, dto);
      await m.save(o);
      await publishOffice(m, o);
      await recordAudit(m, op, 'office.update', officeNumber, { ...dto }, o.prefecture);
      return o;
    });
    return toOfficeDto(office);
  }

  /** A deactivated office can neither send nor receive; its history stays. */
  async deactivate(op: OperatorContext, officeNumber: string): Promise<OfficeDto> {
    const office = await this.write(async (m) => {
      const o = await this.lockVisible(m, op, officeNumber);
      o.active = false;
      await m.save(o);
      await publishOffice(m, o);
      const licenseEnded = await endLicenseOf(m, officeNumber, todayInTokyo());
      await recordAudit(m, op, 'office.deactivate', officeNumber, { licenseEnded }, o.prefecture);
      return o;
    });
    return toOfficeDto(office);
  }

  async get(op: OperatorContext, officeNumber: string): Promise<OfficeDto> {
    return toOfficeDto(await this.visible(this.dataSource.manager, op, officeNumber));
  }

  list(op: OperatorContext, query: ListOfficesQuery): Promise<OfficePageDto> {
    const prefecture = prefectureFilter(op, query.prefecture);
    const qb = this.dataSource.manager.createQueryBuilder(RegistryOfficeEntity, 'o');
    if (prefecture) qb.andWhere('o.prefecture = :prefecture', { prefecture });
    return keysetPage(
      qb,
      { ascending: 'officeNumber', valid: (n) => OFFICE_NUMBER_PATTERN.test(n) },
      query.cursor,
      pageLimit(query),
      (rows) => rows.map(toOfficeDto),
    );
  }

  /** Issues a key: returned once; only its hash leaves, in ApiKeyIssuedEvent for the gateway. */
  async issueKey(op: OperatorContext, officeNumber: string, label = ''): Promise<IssuedKeyDto> {
    return this.write(async (m) => {
      const o = await this.lockVisible(m, op, officeNumber);
      if (!o.active) throw RegistryErrors.inactive(officeNumber);
      const { key, hash, prefix } = newOfficeKey();
      const row = m.create(OfficeKeyEntity, { id: randomUUID(), officeNumber, keyPrefix: prefix, label });
      await m.save(row);
      await publishRegistryEvent(m, ApiKeyIssuedEvent, officeNumber, {
        officeNumber,
        keyId: row.id,
        keyHash: hash,
        keyPrefix: prefix,
        label,
        source: 'operator',
      });
      await recordAudit(
        m,
        op,
        'key.issue',
        officeNumber,
        { keyId: row.id, keyPrefix: prefix, label },
        o.prefecture,
      );
      return { ...toKeyDto(row), apiKey: key };
    });
  }

  async revokeKey(op: OperatorContext, officeNumber: string, keyId: string): Promise<KeyDto> {
    if (!isUUID(keyId)) throw RegistryErrors.keyNotFound(keyId);
    return this.write(async (m) => {
      const o = await this.lockVisible(m, op, officeNumber);
      const row = await m.findOne(OfficeKeyEntity, { where: { id: keyId, officeNumber } });
      if (!row) throw RegistryErrors.keyNotFound(keyId);
      if (!row.revokedAt) {
        row.revokedAt = new Date();
        await m.save(row);
        await publishRegistryEvent(m, ApiKeyRevokedEvent, officeNumber, {
          officeNumber,
          keyId,
          source: 'operator',
        });
        await recordAudit(m, op, 'key.revoke', officeNumber, { keyId }, o.prefecture);
      }
      return toKeyDto(row);
    });
  }

  async listKeys(op: OperatorContext, officeNumber: string): Promise<KeyDto[]> {
    await this.visible(this.dataSource.manager, op, officeNumber);
    const rows = await this.dataSource.manager.find(OfficeKeyEntity, {
      where: { officeNumber },
      order: { createdAt: 'ASC' },
    });
    return rows.map(toKeyDto);
  }

  /** For the seed tool: registers the office unless it exists (its name and kind then stay). */
  async ensure(
    m: EntityManager,
    officeNumber: string,
    name: string,
    kind: string,
  ): Promise<RegistryOfficeEntity> {
    const found = await m.findOne(RegistryOfficeEntity, { where: { officeNumber } });
    return found ?? insertOffice(m, officeNumber, name, kind);
  }

  /** Runs `work` in a transaction and publishes its events right after the commit. */
  private write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return inTransactionThenNudge(this.dataSource, this.relay, work);
  }

  private async visible(
    m: EntityManager,
    op: OperatorContext,
    officeNumber: string,
  ): Promise<RegistryOfficeEntity> {
    const o = canSeeOffice(op, officeNumber)
      ? await m.findOne(RegistryOfficeEntity, { where: { officeNumber } })
      : null;
    if (!o) throw RegistryErrors.notFound(officeNumber);
    return o;
  }

  private async lockVisible(
    m: EntityManager,
    op: OperatorContext,
    officeNumber: string,
  ): Promise<RegistryOfficeEntity> {
    await this.visible(m, op, officeNumber);
    return m.findOneOrFail(RegistryOfficeEntity, {
      where: { officeNumber },
      lock: { mode: 'pessimistic_write' },
    });
  }
}

async function insertOffice(m: EntityManager, officeNumber: string, name: string, kind: string) {
  const office = m.create(RegistryOfficeEntity, {
    officeNumber,
    prefecture: prefectureOf(officeNumber),
    district: districtOf(officeNumber),
    name,
    kind,
    active: true,
    listed: true,
  });
  await m.save(office);
  await publishOffice(m, office);
  return office;
}

export async function publishOffice(m: EntityManager, o: RegistryOfficeEntity): Promise<void> {
  await publishRegistryEvent(m, OfficeChangedEvent, o.officeNumber, {
    officeNumber: o.officeNumber,
    name: o.name,
    kind: o.kind,
    active: o.active,
  });
}

export function toOfficeDto(o: RegistryOfficeEntity): OfficeDto {
  return {
    officeNumber: o.officeNumber,
    prefecture: o.prefecture,
    district: o.district,
    name: o.name,
    kind: o.kind,
    active: o.active,
    listed: o.listed,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

function toKeyDto(k: OfficeKeyEntity): KeyDto {
  return {
    id: k.id,
    officeNumber: k.officeNumber,
    keyPrefix: k.keyPrefix,
    label: k.label,
    createdAt: k.createdAt.toISOString(),
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
