import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { KeyRole } from '@careplan/contracts';
import { PreparedStatement, runPrepared } from '@careplan/persistence';
import { GATEWAY_SCHEMA } from '../database/schema';
import { ApiKeyEntity } from './api-key.entity';
import { OfficeEntity } from './office.entity';

interface KeyWithOfficeRow {
  id: string;
  office_number: string;
  key_hash: string;
  key_prefix: string;
  label: string;
  role: KeyRole;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  // Null when the key's office is not (or no longer) registered.
  o_office_number: string | null;
  o_name: string;
  o_license_active: boolean;
  o_created_at: Date;
  o_kind: string;
  o_active: boolean;
  o_license_state: string;
  o_license_valid_until: string | null;
}

const keyWithOffice = (name: string, where: string): PreparedStatement => ({
  name,
  text: `SELECT k.id, k.office_number, k.key_hash, k.key_prefix, k.label, k.role, k.created_at, k.last_used_at,
                k.revoked_at, o.office_number AS o_office_number, o.name AS o_name,
                o.license_active AS o_license_active, o.created_at AS o_created_at, o.kind AS o_kind,
                o.active AS o_active, o.license_state AS o_license_state,
                o.license_valid_until::text AS o_license_valid_until
           FROM "${GATEWAY_SCHEMA}"."api_keys" k
           LEFT JOIN "${GATEWAY_SCHEMA}"."offices" o ON o.office_number = k.office_number
          WHERE ${where}`,
});
const KEY_BY_HASH = keyWithOffice('gateway-key-by-hash', 'k.key_hash = $1::char(64)');
const KEY_BY_ID = keyWithOffice('gateway-key-by-id', 'k.id = $1::uuid');

/** The API keys the gateway owns, stored as sha256 of the key. */
@Injectable()
export class ApiKeysRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The key (by its hash or its id) with its office, null when the office is not registered: every request
   * needs both, so one query reads them (a prepared statement: it runs on every request).
   */
  async findWithOffice(
    by: { keyHash: string } | { id: string },
  ): Promise<{ key: ApiKeyEntity; office: OfficeEntity | null } | null> {
    const [statement, value] = 'id' in by ? [KEY_BY_ID, by.id] : [KEY_BY_HASH, by.keyHash];
    const [row] = await runPrepared<KeyWithOfficeRow>(this.dataSource, statement, [value]);
    if (!row) return null;
    const key = Object.assign(new ApiKeyEntity(), {
      id: row.id,
      officeNumber: row.office_number,
      keyHash: row.key_hash,
      keyPrefix: row.key_prefix,
      label: row.label,
      role: row.role,
      createdAt: row.created_at,
      lastUsedAt: row.last_used_at,
      revokedAt: row.revoked_at,
    });
    const office =
      row.o_office_number === null
        ? null
        : Object.assign(new OfficeEntity(), {
            officeNumber: row.o_office_number,
            name: row.o_name,
            licenseActive: row.o_license_active,
            createdAt: row.o_created_at,
            kind: row.o_kind,
            active: row.o_active,
            licenseState: row.o_license_state,
            licenseValidUntil: row.o_license_valid_until,
          });
    return { key, office };
  }

  findById(id: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.manager.findOne(ApiKeyEntity, { where: { id } });
  }

  /** An office's keys, oldest first, revoked ones too. */
  listForOffice(officeNumber: string): Promise<ApiKeyEntity[]> {
    return this.dataSource.manager.find(ApiKeyEntity, {
      where: { officeNumber },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  countActive(m: EntityManager, officeNumber: string): Promise<number> {
    return m.count(ApiKeyEntity, { where: { officeNumber, revokedAt: IsNull() } });
  }

  countActiveAdmins(m: EntityManager, officeNumber: string): Promise<number> {
    return m.count(ApiKeyEntity, { where: { officeNumber, role: 'admin', revokedAt: IsNull() } });
  }

  async insert(m: EntityManager, key: ApiKeyEntity): Promise<void> {
    await m.insert(ApiKeyEntity, key);
  }

  /** Revokes the office's key unless it already is (the first revocation time stays); true when this one did. */
  async revokeOnce(m: EntityManager, officeNumber: string, id: string, at: Date): Promise<boolean> {
    const result = await m.update(ApiKeyEntity, { id, officeNumber, revokedAt: IsNull() }, { revokedAt: at });
    return !!result.affected;
  }

  find(m: EntityManager, officeNumber: string, id: string): Promise<ApiKeyEntity | null> {
    return m.findOne(ApiKeyEntity, { where: { id, officeNumber } });
  }

  async markUsed(id: string, at: Date): Promise<void> {
    await this.dataSource.manager.update(ApiKeyEntity, { id }, { lastUsedAt: at });
  }
}
