import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who did what in an office: its own audit trail of key and staff changes (GET /v1/audit), written in the
 * transaction of each change, append-only like the archive's operator audit log. And the actor of each
 * submission, kept on its row so that a re-drive publishes the same received event, actor included.
 */
export class GatewayOfficeAudit1765000000300 implements MigrationInterface {
  name = 'GatewayOfficeAudit1765000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "gateway"."office_audit" (
      "id" bigserial PRIMARY KEY,
      "office_number" varchar(10) NOT NULL,
      "at" timestamptz NOT NULL DEFAULT now(),
      "action" varchar(64) NOT NULL,
      "origin" varchar(16) NOT NULL CHECK ("origin" IN ('office', 'operator', 'system')),
      "actor_type" varchar(16) CHECK ("actor_type" IN ('key', 'staff')),
      "actor_id" uuid,
      "actor_label" text,
      "target_type" varchar(16) NOT NULL CHECK ("target_type" IN ('key', 'staff')),
      "target_id" uuid NOT NULL,
      "target_label" text NOT NULL,
      "details" jsonb NOT NULL DEFAULT '{}'
    )`);
    await q.query(
      `CREATE INDEX "ix_office_audit_office_at" ON "gateway"."office_audit" ("office_number", "at" DESC, "id" DESC)`,
    );
    await q.query(`CREATE FUNCTION "gateway"."office_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'office_audit is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER "tr_office_audit_no_change" BEFORE UPDATE OR DELETE ON "gateway"."office_audit"
      FOR EACH ROW EXECUTE FUNCTION "gateway"."office_audit_append_only"()`);
    await q.query(`CREATE TRIGGER "tr_office_audit_no_truncate" BEFORE TRUNCATE ON "gateway"."office_audit"
      FOR EACH STATEMENT EXECUTE FUNCTION "gateway"."office_audit_append_only"()`);
    await q.query(`ALTER TABLE "gateway"."submissions" ADD COLUMN "sender_actor" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateway"."submissions" DROP COLUMN "sender_actor"`);
    await q.query(`DROP TABLE "gateway"."office_audit"`);
    await q.query(`DROP FUNCTION "gateway"."office_audit_append_only"()`);
  }
}
