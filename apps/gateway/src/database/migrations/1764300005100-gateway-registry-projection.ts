import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's projection of the archive's registry: office kind and activity, license state and term end.
 * Existing rows (seeded before the registry existed) stay active with their license flag.
 */
export class GatewayRegistryProjection1764300005100 implements MigrationInterface {
  name = 'GatewayRegistryProjection1764300005100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateway"."offices"
      ADD COLUMN "kind" varchar(50) NOT NULL DEFAULT '',
      ADD COLUMN "active" boolean NOT NULL DEFAULT true,
      ADD COLUMN "license_state" varchar(16) NOT NULL DEFAULT 'none',
      ADD COLUMN "license_valid_until" date`);
    await q.query(`UPDATE "gateway"."offices" SET "license_state" = 'active' WHERE "license_active"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateway"."offices"
      DROP COLUMN "kind", DROP COLUMN "active", DROP COLUMN "license_state", DROP COLUMN "license_valid_until"`);
  }
}
