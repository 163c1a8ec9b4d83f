import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The office registry (system of record for offices, keys and licenses), campaigns, billing statements,
 * operators and their append-only audit log.
 */
export class ArchiveRegistry1764000005400 implements MigrationInterface {
  name = 'ArchiveRegistry1764000005400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "archive"."offices" (
      "office_number" varchar(10) PRIMARY KEY,
      "prefecture" char(2) NOT NULL,
      "district" char(2) NOT NULL,
      "name" text NOT NULL,
      "kind" varchar(50) NOT NULL,
      "active" boolean NOT NULL DEFAULT true,
      "listed" boolean NOT NULL DEFAULT true,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX "ix_offices_prefecture_district" ON "archive"."offices" ("prefecture", "district", "office_number")`,
    );
    await q.query(`CREATE TABLE "archive"."office_keys" (
      "id" uuid PRIMARY KEY,
      "office_number" varchar(10) NOT NULL REFERENCES "archive"."offices" ("office_number"),
      "key_prefix" varchar(16) NOT NULL,
      "label" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "revoked_at" timestamptz
    )`);
    await q.query(`CREATE INDEX "ix_office_keys_office" ON "archive"."office_keys" ("office_number")`);
    await q.query(`CREATE TABLE "archive"."campaigns" (
      "code" varchar(40) PRIMARY KEY,
      "name_ja" text NOT NULL,
      "name_en" text NOT NULL,
      "applies_from" date NOT NULL,
      "applies_to" date NOT NULL,
      "free_months" integer,
      "free_from" date,
      "free_to" date,
      "priority" integer NOT NULL DEFAULT 0,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "ck_campaigns_free" CHECK (
        ("free_months" IS NOT NULL AND "free_from" IS NULL AND "free_to" IS NULL) OR
        ("free_months" IS NULL AND "free_from" IS NOT NULL AND "free_to" IS NOT NULL))
    )`);
    // The first campaign: applications from 2025-06-01 to 2026-05-31 are free for a year.
    await q.query(`INSERT INTO "archive"."campaigns"
      ("code", "name_ja", "name_en", "applies_from", "applies_to", "free_months", "priority")
      VALUES ('FREE_PASS_2025', 'フリーパス（申請日から1年間無料）', 'Free pass (free for one year from the application date)',
              '2025-06-01', '2026-05-31', 12, 100)`);
    await q.query(`CREATE TABLE "archive"."licenses" (
      "office_number" varchar(10) PRIMARY KEY REFERENCES "archive"."offices" ("office_number"),
      "status" varchar(16) NOT NULL,
      "state" varchar(16) NOT NULL,
      "billing_method" varchar(16) NOT NULL,
      "auto_renew" boolean NOT NULL DEFAULT true,
      "first_start" date NOT NULL,
      "last_end" date NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "ix_licenses_last_end" ON "archive"."licenses" ("last_end")`);
    await q.query(`CREATE TABLE "archive"."license_terms" (
      "id" bigserial PRIMARY KEY,
      "office_number" varchar(10) NOT NULL REFERENCES "archive"."offices" ("office_number"),
      "term_no" integer NOT NULL,
      "application_date" date NOT NULL,
      "start_date" date NOT NULL,
      "end_date" date NOT NULL,
      "fee_yen" integer NOT NULL,
      "billing_method" varchar(16) NOT NULL,
      "campaign_code" varchar(40) REFERENCES "archive"."campaigns" ("code"),
      "free_until" date,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "ux_license_terms_office_no" ON "archive"."license_terms" ("office_number", "term_no")`,
    );
    await q.query(`CREATE INDEX "ix_license_terms_start" ON "archive"."license_terms" ("start_date")`);
    await q.query(`CREATE TABLE "archive"."billing_statements" (
      "id" bigserial PRIMARY KEY,
      "prefecture" char(2) NOT NULL,
      "month" char(7) NOT NULL,
      "revision" integer NOT NULL,
      "content_hash" char(64) NOT NULL,
      "body" jsonb NOT NULL,
      "generated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "ux_billing_statements_revision" ON "archive"."billing_statements" ("prefecture", "month", "revision")`,
    );
    await q.query(`CREATE TABLE "archive"."operators" (
      "id" uuid PRIMARY KEY,
      "name" text NOT NULL,
      "role" varchar(16) NOT NULL,
      "prefecture" char(2),
      "token_hash" char(64) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "ck_operators_scope" CHECK (
        ("role" = 'central' AND "prefecture" IS NULL) OR ("role" = 'prefecture' AND "prefecture" IS NOT NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX "ux_operators_token_hash" ON "archive"."operators" ("token_hash")`);
    await q.query(`CREATE TABLE "archive"."audit_log" (
      "id" bigserial PRIMARY KEY,
      "at" timestamptz NOT NULL DEFAULT now(),
      "operator_id" uuid,
      "operator_name" text NOT NULL,
      "action" varchar(64) NOT NULL,
      "prefecture" char(2),
      "target" text NOT NULL,
      "details" jsonb NOT NULL DEFAULT '{}'
    )`);
    await q.query(`CREATE INDEX "ix_audit_log_at" ON "archive"."audit_log" ("at" DESC, "id" DESC)`);
    // Append-only, enforced by the database itself: the application cannot rewrite what operators did.
    await q.query(`CREATE FUNCTION "archive"."audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER "tr_audit_log_no_change" BEFORE UPDATE OR DELETE ON "archive"."audit_log"
      FOR EACH ROW EXECUTE FUNCTION "archive"."audit_log_append_only"()`);
    await q.query(`CREATE TRIGGER "tr_audit_log_no_truncate" BEFORE TRUNCATE ON "archive"."audit_log"
      FOR EACH STATEMENT EXECUTE FUNCTION "archive"."audit_log_append_only"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "archive"."audit_log"`);
    await q.query(`DROP FUNCTION "archive"."audit_log_append_only"()`);
    for (const t of [
      'operators',
      'billing_statements',
      'license_terms',
      'licenses',
      'campaigns',
      'office_keys',
    ]) {
      await q.query(`DROP TABLE "archive"."${t}"`);
    }
    await q.query(`DROP TABLE "archive"."offices"`);
  }
}
