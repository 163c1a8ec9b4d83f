import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ApiKeyIssuedEvent, ApiKeyRevokedEvent, BaseEvent, EventClass } from '@careplan/contracts';
import { EventFields, inTransactionThenNudge, OutboxRelay, publishEvent } from '@careplan/messaging';
import { advisoryLock } from '@careplan/persistence';
import { GATEWAY_SCHEMA } from '../database/schema';
import { newApiKey } from './api-key';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyDto, ApiKeyListDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { OfficeEntity } from './office.entity';
import { OfficeErrors } from './offices.errors';
import type { AuthenticatedOffice } from './offices.service';

/** Enough for every PC and program of a large office; stops a runaway script from minting keys. */
export const MAX_ACTIVE_KEYS_PER_OFFICE = 100;

/**
 * Vendor self-service of an office's own API keys: list, issue, revoke. Each change is published
 * (ApiKeyIssued/Revoked, source office) in its transaction, so the archive's registry lists and revokes
 * these keys too; the gateway's own registry consumer gets them back and, the key being there, changes nothing.
 */
@Injectable()
export class KeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  async list(office: AuthenticatedOffice): Promise<ApiKeyListDto> {
    const keys = await this.dataSource.manager.find(ApiKeyEntity, {
      where: { officeNumber: office.officeNumber },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return { items: keys.map(toApiKeyDto) };
  }

  /** Issues a key for the caller's office; the key itself is returned this once and never stored. */
  async create(office: AuthenticatedOffice, label: string): Promise<CreatedApiKeyDto> {
    return inTransactionThenNudge(this.dataSource, this.relay, async (m) => {
      // Serialises issuing per office so the cap cannot be overrun by parallel requests.
      await advisoryLock(m, `api-keys:${office.officeNumber}`);
      // As the registry refuses operators: a deactivated office gets no new key.
      const current = await m.findOne(OfficeEntity, { where: { officeNumber: office.officeNumber } });
      if (!current?.active) throw OfficeErrors.officeInactive(office.officeNumber);
      const active = await m.count(ApiKeyEntity, {
        where: { officeNumber: office.officeNumber, revokedAt: IsNull() },
      });
      if (active >= MAX_ACTIVE_KEYS_PER_OFFICE) throw OfficeErrors.keyLimit(MAX_ACTIVE_KEYS_PER_OFFICE);
      const { key, hash, prefix } = newApiKey();
      const entity = m.create(ApiKeyEntity, {
        id: randomUUID(),
        officeNumber: office.officeNumber,
        keyHash: hash,
        keyPrefix: prefix,
        label: label.trim(),
        createdAt: new Date(),
        lastUsedAt: null,
        revokedAt: null,
      });
      await m.insert(ApiKeyEntity, entity);
      await publish(m, ApiKeyIssuedEvent, entity.createdAt, {
        officeNumber: entity.officeNumber,
        keyId: entity.id,
        keyHash: hash,
        keyPrefix: prefix,
        label: entity.label,
        source: 'office',
      });
      return { ...toApiKeyDto(entity), key };
    });
  }

  /** Revokes one of the office's keys (also the calling one: it stops working with the next request). */
  async revoke(office: AuthenticatedOffice, id: string): Promise<ApiKeyDto> {
    const where = { id, officeNumber: office.officeNumber };
    const key = await inTransactionThenNudge(this.dataSource, this.relay, async (m) => {
      // Revoking twice keeps the first revocation time, and publishes only the first one.
      const at = new Date();
      const result = await m.update(ApiKeyEntity, { ...where, revokedAt: IsNull() }, { revokedAt: at });
      if (result.affected) {
        await publish(m, ApiKeyRevokedEvent, at, {
          officeNumber: office.officeNumber,
          keyId: id,
          source: 'office',
        });
      }
      return m.findOne(ApiKeyEntity, { where });
    });
    if (!key) throw OfficeErrors.keyNotFound();
    return toApiKeyDto(key);
  }
}

/** Adds a key event to the gateway outbox in the caller's transaction; keyed by office number, as the archive's. */
function publish<T extends BaseEvent & { officeNumber: string }>(
  m: EntityManager,
  cls: EventClass<T>,
  at: Date,
  fields: EventFields<T>,
): Promise<T> {
  return publishEvent(m, GATEWAY_SCHEMA, cls, fields.officeNumber, fields, { occurredAt: at });
}

export function toApiKeyDto(k: ApiKeyEntity): ApiKeyDto {
  return {
    id: k.id,
    label: k.label,
    prefix: k.keyPrefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
