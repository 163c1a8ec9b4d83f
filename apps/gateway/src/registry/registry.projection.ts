import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type {
  ApiKeyIssuedEvent,
  ApiKeyRevokedEvent,
  LicenseChangedEvent,
  OfficeChangedEvent,
} from '@careplan/contracts';
import { GATEWAY_SCHEMA } from '../database/schema';

// The gateway's projection of the archive's registry. Events of different topics may arrive in any order,
// so each write is an upsert that keeps license_active = (license state is active AND office is active).
const S = GATEWAY_SCHEMA;
const LICENSE_ACTIVE = `("license_state" = 'active' AND "active")`;

export async function applyOfficeChanged(
  m: EntityManager,
  e: Pick<OfficeChangedEvent, 'officeNumber' | 'name' | 'kind' | 'active'>,
): Promise<void> {
  await m.query(
    `INSERT INTO "${S}"."offices" ("office_number", "name", "kind", "active", "license_active")
     VALUES ($1, $2, $3, $4, false)
     ON CONFLICT ("office_number") DO UPDATE SET "name" = EXCLUDED."name", "kind" = EXCLUDED."kind",
       "active" = EXCLUDED."active"`,
    [e.officeNumber, e.name, e.kind, e.active],
  );
  await refreshLicenseActive(m, e.officeNumber);
}

export async function applyLicenseChanged(
  m: EntityManager,
  e: Pick<LicenseChangedEvent, 'officeNumber' | 'state' | 'validUntil'>,
): Promise<void> {
  // An office not known yet gets a placeholder (inactive) until its OfficeChanged arrives.
  await m.query(
    `INSERT INTO "${S}"."offices" ("office_number", "name", "active", "license_state", "license_valid_until", "license_active")
     VALUES ($1, $4, false, $2, $3, false)
     ON CONFLICT ("office_number") DO UPDATE SET "license_state" = EXCLUDED."license_state",
       "license_valid_until" = EXCLUDED."license_valid_until"`,
    [e.officeNumber, e.state, e.validUntil ?? null, e.officeNumber],
  );
  await refreshLicenseActive(m, e.officeNumber);
}

async function refreshLicenseActive(m: EntityManager, officeNumber: string): Promise<void> {
  await m.query(
    `UPDATE "${S}"."offices" SET "license_active" = ${LICENSE_ACTIVE} WHERE "office_number" = $1`,
    [officeNumber],
  );
}

async function ensureOffice(m: EntityManager, officeNumber: string): Promise<void> {
  await m.query(
    `INSERT INTO "${S}"."offices" ("office_number", "name", "active", "license_active")
     VALUES ($1, $2, false, false) ON CONFLICT DO NOTHING`,
    [officeNumber, officeNumber],
  );
}

export async function applyKeyIssued(m: EntityManager, e: ApiKeyIssuedEvent): Promise<void> {
  await ensureOffice(m, e.officeNumber);
  // A key revoked before its issue arrived keeps its tombstone (same id): it never becomes usable.
  await m.query(
    `INSERT INTO "${S}"."api_keys" ("id", "office_number", "key_hash", "key_prefix", "label", "created_at")
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [e.keyId, e.officeNumber, e.keyHash, e.keyPrefix, e.label, e.occurredAt],
  );
}

export async function applyKeyRevoked(m: EntityManager, e: ApiKeyRevokedEvent): Promise<void> {
  await ensureOffice(m, e.officeNumber);
  const tombstoneHash = createHash('sha256').update(`revoked:${e.keyId}`, 'utf8').digest('hex');
  await m.query(
    `INSERT INTO "${S}"."api_keys" ("id", "office_number", "key_hash", "key_prefix", "label", "revoked_at")
     VALUES ($1, $2, $3, '', '', $4)
     ON CONFLICT ("id") DO UPDATE SET "revoked_at" = COALESCE("api_keys"."revoked_at", EXCLUDED."revoked_at")`,
    [e.keyId, e.officeNumber, tombstoneHash, e.occurredAt],
  );
}
