import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console filters the audit log by office (target) and by operator id: each an index in the log's own order
 * (newest first), so a page of one office's entries reads that office's rows only, however long the log grows.
 * Action prefixes, names and periods narrow the walk along ix_audit_log_at.
 */
export class AuditFilters1764900011200 implements MigrationInterface {
  name = 'AuditFilters1764900011200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_audit_log_target" ON "archive"."audit_log" ("target", "at" DESC, "id" DESC)`,
    );
    await q.query(
      `CREATE INDEX "ix_audit_log_operator" ON "archive"."audit_log" ("operator_id", "at" DESC, "id" DESC)
         WHERE "operator_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "archive"."ix_audit_log_operator"`);
    await q.query(`DROP INDEX "archive"."ix_audit_log_target"`);
  }
}
