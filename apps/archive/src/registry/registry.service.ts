import { Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import {
  IssuedOfficeKeyDto,
  KeyRole,
  OfficeChangedEvent,
  OfficeKeyDto,
  pageLimit,
} from '@careplan/contracts';
import { inTransactionThenNudge, OutboxRelay } from '@careplan/messaging';
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
  ListOfficesQuery,
  OfficeDto,
  OfficePageDto,
  UpdateOfficeDto,
} from './dto/office.dto';
import { GatewayKeysClient } from './gateway-keys.client';
import { RegistryErrors } from './registry.errors';
import { publishRegistryEvent } from './registry.events';
import { RegistryOfficeEntity } from './registry-office.entity';
import { RegistryOfficeRepository } from './registry-office.repository';

/**
 * Offices (owned here: every change is audited and published to the gateway through the outbox) and the
 * operators' side of their API keys, which the gateway owns: the archive checks the operator's scope and the
 * registry, asks the gateway, and audits.
 */
@Injectable()
export class RegistryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly offices: RegistryOfficeRepository,
    @Optional() private readonly gatewayKeys?: GatewayKeysClient,
  ) {}

  async create(op: OperatorContext, dto: CreateOfficeDto): Promise<OfficeDto> {
    if (!officeNumberCheckDigitValid(dto.officeNumber)) throw RegistryErrors.checkDigit(dto.officeNumber);
    const prefecture = prefectureOf(dto.officeNumber);
    if (!canSeeOffice(op, dto.officeNumber)) throw ScopeErrors.scope(prefecture);
    const office = await this.write(async (m) => {
      // Two operators registering the same number at once: the second waits, then sees it exists.
      await advisoryLock(m, `office:${dto.officeNumber}`);
      if (await this.offices.find(m, dto.officeNumber)) {
        throw RegistryErrors.exists(dto.officeNumber);
      }
      const created = await this.insertOffice(m, dto.officeNumber, dto.name, dto.kind);
      await recordAudit(m, op, 'office.create', dto.officeNumber, { ...dto }, prefecture);
      return created;
    });
    return toOfficeDto(office);
  }

  async update(op: OperatorContext, officeNumber: string, dto: UpdateOfficeDto): Promise<OfficeDto> {
    const office = await this.write(async (m) => {
      const o = await this.lockVisible(m, op, officeNumber);
      Object.assign(o, dto);
      await this.offices.save(m, o);
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
      await this.offices.save(m, o);
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
    const filter = {
      prefecture: prefectureFilter(op, query.prefecture),
      district: query.district,
      numberPrefix: query.number?.toUpperCase(),
      name: query.name,
    };
    return this.offices.page(this.dataSource.manager, filter, query.cursor, pageLimit(query), (rows) =>
      rows.map(toOfficeDto),
    );
  }

  /**
   * Issues a key in the gateway (returned once) while the office row is locked, so a deactivation cannot slip
   * between the check and the key, and audits it. Should this commit fail after the gateway answered, the
   * gateway's ApiKeyIssued event (source operator) still records the key.
   */
  async issueKey(
    op: OperatorContext,
    officeNumber: string,
    label = '',
    role?: KeyRole,
  ): Promise<IssuedOfficeKeyDto> {
    return this.write(async (m) => {
      const o = await this.lockVisible(m, op, officeNumber);
      if (!o.active) throw RegistryErrors.inactive(officeNumber);
      // No role: the gateway makes an operator's key admin (how an office starts, or gets back in).
      const issued = await this.keys().issue(officeNumber, op, role ? { label, role } : { label });
      const details = {
        keyId: issued.id,
        keyPrefix: issued.keyPrefix,
        label: issued.label,
        role: issued.role,
      };
      await recordAudit(m, op, 'key.issue', officeNumber, details, o.prefecture);
      return issued;
    });
  }

  /** Revokes a key in the gateway; audited when this call revoked it (a repeat keeps the first time). */
  async revokeKey(op: OperatorContext, officeNumber: string, keyId: string): Promise<OfficeKeyDto> {
    if (!isUUID(keyId)) throw RegistryErrors.keyNotFound(keyId);
    return this.write(async (m) => {
      const o = await this.lockVisible(m, op, officeNumber);
      const { key, revokedNow } = await this.keys().revoke(officeNumber, keyId, op);
      if (revokedNow) await recordAudit(m, op, 'key.revoke', officeNumber, { keyId }, o.prefecture);
      return key;
    });
  }

  async listKeys(op: OperatorContext, officeNumber: string): Promise<OfficeKeyDto[]> {
    await this.visible(this.dataSource.manager, op, officeNumber);
    return (await this.keys().list(officeNumber)).items;
  }

  /** For the seed tool: registers the office unless it exists (its name and kind then stay). */
  async ensure(
    m: EntityManager,
    officeNumber: string,
    name: string,
    kind: string,
  ): Promise<RegistryOfficeEntity> {
    return (await this.offices.find(m, officeNumber)) ?? this.insertOffice(m, officeNumber, name, kind);
  }

  private keys(): GatewayKeysClient {
    if (!this.gatewayKeys) throw new Error('RegistryService: no GatewayKeysClient provided');
    return this.gatewayKeys;
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
    const o = canSeeOffice(op, officeNumber) ? await this.offices.find(m, officeNumber) : null;
    if (!o) throw RegistryErrors.notFound(officeNumber);
    return o;
  }

  private async lockVisible(
    m: EntityManager,
    op: OperatorContext,
    officeNumber: string,
  ): Promise<RegistryOfficeEntity> {
    await this.visible(m, op, officeNumber);
    const locked = await this.offices.find(m, officeNumber, true);
    if (!locked) throw RegistryErrors.notFound(officeNumber);
    return locked;
  }

  private async insertOffice(m: EntityManager, officeNumber: string, name: string, kind: string) {
    const office = await this.offices.insert(m, {
      officeNumber,
      prefecture: prefectureOf(officeNumber),
      district: districtOf(officeNumber),
      name,
      kind,
      active: true,
      listed: true,
    });
    await publishOffice(m, office);
    return office;
  }
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
