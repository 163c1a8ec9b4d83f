import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway owns API keys; offices are a projection of the archive's registry that may lag behind it. An
 * operator may issue a key for an office registered a moment ago, before its OfficeChanged event arrives, so
 * a key no longer needs its office row (authenticating with it answers 403 OFFICE_NOT_REGISTERED meanwhile).
 */
export class GatewayKeysOwn1764900002110 implements MigrationInterface {
  name = 'GatewayKeysOwn1764900002110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateway"."api_keys" DROP CONSTRAINT IF EXISTS "api_keys_office_number_fkey"`);
  }

  async down(q: QueryRunner): Promise<void> {
    // NOT VALID: keys issued ahead of their office row stay; new rows are checked again.
    await q.query(
      `ALTER TABLE "gateway"."api_keys" ADD CONSTRAINT "api_keys_office_number_fkey"
       FOREIGN KEY ("office_number") REFERENCES "gateway"."offices" ("office_number") NOT VALID`,
    );
  }
}
