import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff users of an office (created by its admins) and their sessions' refresh tokens. A removed user keeps its
 * row, so what it did can still name it; its login id is free again. Refresh tokens are kept as sha256 only and
 * grouped by chain (one sign-in): a token used twice revokes its whole chain.
 */
export class GatewayStaff1765000000200 implements MigrationInterface {
  name = 'GatewayStaff1765000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "gateway"."staff_users" (
      "id" uuid PRIMARY KEY,
      "office_number" varchar(10) NOT NULL,
      "login_id" varchar(64) NOT NULL,
      "display_name" text NOT NULL,
      "role" varchar(16) NOT NULL CHECK ("role" IN ('admin', 'member')),
      "password_hash" text NOT NULL,
      "failed_sign_ins" integer NOT NULL DEFAULT 0,
      "locked_until" timestamptz,
      "last_sign_in_at" timestamptz,
      "suspended_at" timestamptz,
      "removed_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    // A login id is unique in its office, whatever its case, among the users not removed.
    await q.query(
      `CREATE UNIQUE INDEX "ux_staff_users_login" ON "gateway"."staff_users" ("office_number", lower("login_id"))
       WHERE "removed_at" IS NULL`,
    );
    await q.query(`CREATE TABLE "gateway"."refresh_tokens" (
      "id" uuid PRIMARY KEY,
      "chain_id" uuid NOT NULL,
      "staff_user_id" uuid NOT NULL REFERENCES "gateway"."staff_users" ("id"),
      "token_hash" char(64) NOT NULL UNIQUE,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz,
      "revoked_at" timestamptz
    )`);
    await q.query(`CREATE INDEX "ix_refresh_tokens_chain" ON "gateway"."refresh_tokens" ("chain_id")`);
    await q.query(
      `CREATE INDEX "ix_refresh_tokens_user" ON "gateway"."refresh_tokens" ("staff_user_id") WHERE "revoked_at" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "gateway"."refresh_tokens"`);
    await q.query(`DROP TABLE "gateway"."staff_users"`);
  }
}
