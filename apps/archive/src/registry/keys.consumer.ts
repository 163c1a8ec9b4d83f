import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ApiKeyIssuedEvent, ApiKeyRevokedEvent } from '@careplan/contracts';
import { EventConsumer, KafkaService } from '@careplan/messaging';
import { MetricsService } from '@careplan/platform';
import { ARCHIVE_SCHEMA } from '../database/schema';

const S = ARCHIVE_SCHEMA;

/**
 * Keeps the registry's key list complete: keys an office issues or revokes itself through the gateway
 * (/v1/keys) arrive as ApiKeyIssued/Revoked events. Applying them only writes `office_keys` and publishes
 * nothing (no loop back to the gateway); the archive's own events coming back change nothing.
 */
@Injectable()
export class KeysConsumer extends EventConsumer {
  constructor(kafka: KafkaService, @InjectDataSource() dataSource: DataSource, metrics: MetricsService) {
    super(kafka, dataSource, metrics, {
      name: 'archive-keys',
      schema: ARCHIVE_SCHEMA,
      handlers: [
        { event: ApiKeyIssuedEvent, handle: (e: ApiKeyIssuedEvent, m) => applyKeyIssued(m, e) },
        { event: ApiKeyRevokedEvent, handle: (e: ApiKeyRevokedEvent, m) => applyKeyRevoked(m, e) },
      ],
    });
  }
}

// Issued and revoked travel on different topics, so a revocation may come first: it leaves a tombstone
// (empty prefix and label, revoked) that the issue only fills in. A key of an office the registry does not
// know is skipped (the gateway only knows offices from the registry, so this is not expected).

/** Inserts the key if absent; an existing key (the archive's own, or one already applied) stays as it is. */
export async function applyKeyIssued(
  m: EntityManager,
  e: Pick<ApiKeyIssuedEvent, 'keyId' | 'officeNumber' | 'keyPrefix' | 'label' | 'occurredAt'>,
): Promise<void> {
  await m.query(
    `INSERT INTO "${S}"."office_keys" ("id", "office_number", "key_prefix", "label", "created_at")
     SELECT $1::uuid, $2::varchar, $3::varchar, $4::text, $5::timestamptz
     WHERE EXISTS (SELECT 1 FROM "${S}"."offices" WHERE "office_number" = $2::varchar)
     ON CONFLICT ("id") DO UPDATE SET "key_prefix" = EXCLUDED."key_prefix", "label" = EXCLUDED."label",
       "created_at" = EXCLUDED."created_at"
     WHERE "office_keys"."key_prefix" = ''`,
    [e.keyId, e.officeNumber, e.keyPrefix, e.label, e.occurredAt],
  );
}

/** Sets revoked_at unless already set (revoked stays revoked, with its first time). */
export async function applyKeyRevoked(
  m: EntityManager,
  e: Pick<ApiKeyRevokedEvent, 'keyId' | 'officeNumber' | 'occurredAt'>,
): Promise<void> {
  await m.query(
    `INSERT INTO "${S}"."office_keys" ("id", "office_number", "key_prefix", "label", "created_at", "revoked_at")
     SELECT $1::uuid, $2::varchar, '', '', $3::timestamptz, $3::timestamptz
     WHERE EXISTS (SELECT 1 FROM "${S}"."offices" WHERE "office_number" = $2::varchar)
     ON CONFLICT ("id") DO UPDATE SET "revoked_at" = COALESCE("office_keys"."revoked_at", EXCLUDED."revoked_at")`,
    [e.keyId, e.officeNumber, e.occurredAt],
  );
}
