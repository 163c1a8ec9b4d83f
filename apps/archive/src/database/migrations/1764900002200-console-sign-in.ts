import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operations console's sign-in: an operator's password (scrypt) and TOTP secret, one-time set-up links,
 * failed sign-ins counted per name (a name that exists locks like one that does not), and the sessions of
 * @fastify/session (every archive instance sees the same ones).
 */
export class ConsoleSignIn1764900002200 implements MigrationInterface {
  name = 'ConsoleSignIn1764900002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "archive"."operators"
      ADD COLUMN "password_hash" text,
      ADD COLUMN "totp_secret" text,
      ADD COLUMN "totp_last_step" bigint`);
    // Sign-in finds the operator by name; names of operators made before stay as they are until one enrols.
    await q.query(`CREATE UNIQUE INDEX "ux_operators_console_name" ON "archive"."operators" ("name")
      WHERE "password_hash" IS NOT NULL AND "revoked_at" IS NULL`);
    await q.query(`CREATE TABLE "archive"."console_setup_tokens" (
      "token_hash" char(64) PRIMARY KEY,
      "operator_id" uuid NOT NULL REFERENCES "archive"."operators" ("id") ON DELETE CASCADE,
      "totp_secret" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "expires_at" timestamptz NOT NULL,
      "used_at" timestamptz
    )`);
    await q.query(
      `CREATE INDEX "ix_console_setup_tokens_operator" ON "archive"."console_setup_tokens" ("operator_id")`,
    );
    await q.query(`CREATE TABLE "archive"."console_sign_in_failures" (
      "name" text PRIMARY KEY,
      "failures" int NOT NULL DEFAULT 0,
      "last_failure_at" timestamptz NOT NULL DEFAULT now(),
      "locked_until" timestamptz
    )`);
    await q.query(`CREATE TABLE "archive"."console_sessions" (
      "id" char(64) PRIMARY KEY,
      "operator_id" uuid NOT NULL REFERENCES "archive"."operators" ("id") ON DELETE CASCADE,
      "data" jsonb NOT NULL,
      "expires_at" timestamptz NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX "ix_console_sessions_operator" ON "archive"."console_sessions" ("operator_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_console_sessions_expires" ON "archive"."console_sessions" ("expires_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "archive"."console_sessions"`);
    await q.query(`DROP TABLE "archive"."console_sign_in_failures"`);
    await q.query(`DROP TABLE "archive"."console_setup_tokens"`);
    await q.query(`DROP INDEX "archive"."ux_operators_console_name"`);
    await q.query(`ALTER TABLE "archive"."operators"
      DROP COLUMN "password_hash", DROP COLUMN "totp_secret", DROP COLUMN "totp_last_step"`);
  }
}
