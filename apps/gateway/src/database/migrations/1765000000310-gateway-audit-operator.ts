import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An office's audit trail names the operator who changed its keys (actor type operator), and only on an operator's
 * change: an office's own key or staff user is never recorded as one.
 */
export class GatewayAuditOperator1765000000310 implements MigrationInterface {
  name = 'GatewayAuditOperator1765000000310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateway"."office_audit" DROP CONSTRAINT "office_audit_actor_type_check"`);
    await q.query(`ALTER TABLE "gateway"."office_audit" ADD CONSTRAINT "ck_office_audit_actor_type"
      CHECK ("actor_type" IN ('key', 'staff', 'operator') AND (("actor_type" = 'operator') = ("origin" = 'operator')))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateway"."office_audit" DROP CONSTRAINT "ck_office_audit_actor_type"`);
    // NOT VALID: the trail is append-only, so the operators' entries stay; only new rows are checked.
    await q.query(`ALTER TABLE "gateway"."office_audit" ADD CONSTRAINT "office_audit_actor_type_check"
      CHECK ("actor_type" IN ('key', 'staff')) NOT VALID`);
  }
}
