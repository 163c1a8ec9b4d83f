import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  ApiKeyIssuedEvent,
  ApiKeyRevokedEvent,
  AuditActor,
  BaseEvent,
  EventClass,
  IssuedOfficeKeyDto,
  KeyRevocationDto,
  KeyRole,
  KeySource,
  OfficeKeyDto,
  OfficeKeyListDto,
  OperatorRef,
} from '@careplan/contracts';
import { EventFields, inTransactionThenNudge, OutboxRelay, publishEvent } from '@careplan/messaging';
import { advisoryLock } from '@careplan/persistence';
import { recordOfficeAudit } from '../audit/office-audit.repository';
import { GATEWAY_SCHEMA } from '../database/schema';
import { newApiKey } from './api-key';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeyDto, ApiKeyListDto, CreatedApiKeyDto } from './dto/api-key.dto';
import { OfficeErrors } from './offices.errors';
import { OfficesRepository } from './offices.repository';
import { actorOf, type AuthenticatedOffice } from './offices.service';

/** Enough for every PC and program of a large office; stops a runaway script from minting keys. */
export const MAX_ACTIVE_KEYS_PER_OFFICE = 100;

/**
 * API keys, owned here because the gateway checks one on every request: the office's self-service (/v1/keys)
 * and the operators' (the archive's /ops/v1 over /internal/v1/offices/:no/keys) list, issue and revoke the
 * same rows, so a change from either side holds at the next request. Each change is published
 * (ApiKeyIssued/Revoked with its source) in its transaction, as the record of who changed which key.
 */
@Injectable()
export class KeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    private readonly keys: ApiKeysRepository,
    private readonly offices: OfficesRepository,
  ) {}

  async list(office: AuthenticatedOffice): Promise<ApiKeyListDto> {
    return { items: (await this.keysOf(office.officeNumber)).map(toApiKeyDto) };
  }

  /**
   * Issues a key for the caller's office (an admin: @RequireRole), member unless asked otherwise; the key itself
   * is returned this once and never stored.
   */
  async create(
    office: AuthenticatedOffice,
    label: string,
    role: KeyRole = 'member',
  ): Promise<CreatedApiKeyDto> {
    const { row, key } = await this.issue(office.officeNumber, label.trim(), 'office', role, actorOf(office));
    return { ...toApiKeyDto(row), key };
  }

  /**
   * Revokes one of the office's keys (also the calling one: it stops working, and its tokens, with the next
   * request), except its last active admin key: 409 API_KEY_LAST_ADMIN.
   */
  async revoke(office: AuthenticatedOffice, id: string): Promise<ApiKeyDto> {
    return toApiKeyDto((await this.revokeOf(office.officeNumber, id, 'office', actorOf(office))).row);
  }

  async listForOperator(officeNumber: string): Promise<OfficeKeyListDto> {
    return { items: (await this.keysOf(officeNumber)).map(toOfficeKeyDto) };
  }

  /**
   * An operator's key: the archive has checked the office in its registry (it exists and is active), which
   * the gateway's projection may not show yet; until it does, the key authenticates to 403 OFFICE_NOT_REGISTERED.
   * Admin unless asked otherwise: an operator's key is how an office starts, or gets back in.
   */
  async issueForOperator(
    officeNumber: string,
    operator: OperatorRef | undefined,
    label = '',
    role: KeyRole = 'admin',
  ): Promise<IssuedOfficeKeyDto> {
    const { row, key } = await this.issue(officeNumber, label, 'operator', role, operatorActor(operator));
    return { ...toOfficeKeyDto(row), apiKey: key };
  }

  /** An operator may revoke any key, the last admin key too (a leaked one): it can issue the next. */
  async revokeForOperator(
    officeNumber: string,
    id: string,
    operator?: OperatorRef,
  ): Promise<KeyRevocationDto> {
    const { row, revokedNow } = await this.revokeOf(officeNumber, id, 'operator', operatorActor(operator));
    return { key: toOfficeKeyDto(row), revokedNow };
  }

  private keysOf(officeNumber: string): Promise<ApiKeyEntity[]> {
    return this.keys.listForOffice(officeNumber);
  }

  private issue(
    officeNumber: string,
    label: string,
    source: KeySource,
    requested: KeyRole,
    actor?: AuditActor,
  ): Promise<{ row: ApiKeyEntity; key: string }> {
    return inTransactionThenNudge(this.dataSource, this.relay, async (m) => {
      // Serialises issuing per office so the cap cannot be overrun by parallel requests.
      await advisoryLock(m, `api-keys:${officeNumber}`);
      // As the registry refuses operators: a deactivated office gets no new key.
      if (source === 'office') {
        const current = await this.offices.find(officeNumber, m);
        if (!current?.active) throw OfficeErrors.officeInactive(officeNumber);
      }
      const active = await this.keys.countActive(m, officeNumber);
      if (active >= MAX_ACTIVE_KEYS_PER_OFFICE) throw OfficeErrors.keyLimit(MAX_ACTIVE_KEYS_PER_OFFICE);
      // The first key, and any key while the office has no admin key, is admin: someone must manage the keys.
      const role = (await this.keys.countActiveAdmins(m, officeNumber)) === 0 ? 'admin' : requested;
      const { key, hash, prefix } = newApiKey();
      const row = m.create(ApiKeyEntity, {
        id: randomUUID(),
        officeNumber,
        keyHash: hash,
        keyPrefix: prefix,
        label,
        role,
        createdAt: new Date(),
        lastUsedAt: null,
        revokedAt: null,
      });
      await this.keys.insert(m, row);
      await publish(m, ApiKeyIssuedEvent, row.createdAt, {
        officeNumber,
        keyId: row.id,
        keyHash: hash,
        keyPrefix: prefix,
        label,
        source,
        role,
        actor,
      });
      await recordOfficeAudit(m, {
        officeNumber,
        action: 'key.issued',
        origin: source,
        actor,
        target: keyTarget(row),
        details: { role, ...(role !== requested ? { requestedRole: requested } : {}) },
        at: row.createdAt,
      });
      return { row, key };
    });
  }

  private async revokeOf(
    officeNumber: string,
    id: string,
    source: KeySource,
    actor?: AuditActor,
  ): Promise<{ row: ApiKeyEntity; revokedNow: boolean }> {
    const { row, revokedNow } = await inTransactionThenNudge(this.dataSource, this.relay, async (m) => {
      if (source === 'office') await this.keepAnAdmin(m, officeNumber, id);
      // Revoking twice keeps the first revocation time, and publishes only the first one.
      const at = new Date();
      const now = await this.keys.revokeOnce(m, officeNumber, id, at);
      const row = await this.keys.find(m, officeNumber, id);
      if (now && row) {
        await publish(m, ApiKeyRevokedEvent, at, { officeNumber, keyId: id, source, actor });
        await recordOfficeAudit(m, {
          officeNumber,
          action: 'key.revoked',
          origin: source,
          actor,
          target: keyTarget(row),
          details: { role: row.role },
          at,
        });
      }
      return { row, revokedNow: now };
    });
    if (!row) throw OfficeErrors.keyNotFound(id);
    return { row, revokedNow };
  }

  /** An office keeps one active admin key: the lock is issuing's, so two revocations cannot pass each other. */
  private async keepAnAdmin(m: EntityManager, officeNumber: string, id: string): Promise<void> {
    await advisoryLock(m, `api-keys:${officeNumber}`);
    const key = await this.keys.find(m, officeNumber, id);
    if (key?.role !== 'admin' || key.revokedAt) return;
    if ((await this.keys.countActiveAdmins(m, officeNumber)) <= 1) throw OfficeErrors.lastAdminKey(id);
  }
}

/** Adds a key event to the gateway outbox in the caller's transaction, keyed by office number. */
function publish<T extends BaseEvent & { officeNumber: string }>(
  m: EntityManager,
  cls: EventClass<T>,
  at: Date,
  fields: EventFields<T>,
): Promise<T> {
  return publishEvent(m, GATEWAY_SCHEMA, cls, fields.officeNumber, fields, { occurredAt: at });
}

/** The operator as the audit trail names it (its name as it was then); none from an archive that sent none. */
function operatorActor(op: OperatorRef | undefined): AuditActor | undefined {
  return op ? { type: 'operator', id: op.id, label: op.name } : undefined;
}

/** A key as the audit trail names it: its label, or its prefix when it has none. */
function keyTarget(k: ApiKeyEntity): { type: 'key'; id: string; label: string } {
  return { type: 'key', id: k.id, label: k.label || k.keyPrefix };
}

export function toApiKeyDto(k: ApiKeyEntity): ApiKeyDto {
  return {
    id: k.id,
    label: k.label,
    role: k.role,
    prefix: k.keyPrefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}

export function toOfficeKeyDto(k: ApiKeyEntity): OfficeKeyDto {
  return {
    id: k.id,
    officeNumber: k.officeNumber,
    keyPrefix: k.keyPrefix,
    label: k.label,
    role: k.role,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}
