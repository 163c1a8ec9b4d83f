import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The console shows one office's webhook: its last delivered push and its latest dead letter. Both are found
 * per office from these indexes, not by walking every office's pushes (one a delivery and office, kept a month).
 */
export class RouterOfficeWebhook1764900011300 implements MigrationInterface {
  name = 'RouterOfficeWebhook1764900011300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_webhook_pushes_office_delivered" ON "router"."webhook_pushes" ("office_number", "delivered_at")
         WHERE "delivered_at" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_webhook_dead_letters_office" ON "router"."webhook_dead_letters" ("office_number", "failed_at")`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "router"."ix_webhook_dead_letters_office"`);
    await q.query(`DROP INDEX "router"."ix_webhook_pushes_office_delivered"`);
  }
}
