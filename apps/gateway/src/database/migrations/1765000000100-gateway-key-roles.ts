import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keys get a role (admin: keys, webhook, directory listing; member: send, receive, read), and access tokens a
 * signing key. Every key from before roles could do everything, so each becomes admin: no office loses a power
 * it had. The signing key is generated on first use when TOKEN_SIGNING_KEY is not configured and kept here, so
 * every gateway instance signs and verifies with the same one.
 */
export class GatewayKeyRoles1765000000100 implements MigrationInterface {
  name = 'GatewayKeyRoles1765000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateway"."api_keys" ADD COLUMN "role" varchar(16) NOT NULL DEFAULT 'admin'`);
    // New rows name their role; the default was only for the rows above.
    await q.query(`ALTER TABLE "gateway"."api_keys" ALTER COLUMN "role" SET DEFAULT 'member'`);
    await q.query(
      `ALTER TABLE "gateway"."api_keys" ADD CONSTRAINT "api_keys_role_check" CHECK ("role" IN ('admin', 'member'))`,
    );
    await q.query(`CREATE TABLE "gateway"."token_keys" (
      "key_id" varchar(16) PRIMARY KEY,
      "algorithm" varchar(16) NOT NULL,
      "public_key_pem" text NOT NULL,
      "private_key_pem" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    // Only one generated key may exist: concurrent first uses race on this index and converge on one key.
    await q.query(`CREATE UNIQUE INDEX "ux_token_keys_single" ON "gateway"."token_keys" ((true))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "gateway"."token_keys"`);
    await q.query(`ALTER TABLE "gateway"."api_keys" DROP COLUMN "role"`);
  }
}
