import { EntityManager } from 'typeorm';
import type { LicenseChangedEvent, OfficeChangedEvent } from '@careplan/contracts';
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
