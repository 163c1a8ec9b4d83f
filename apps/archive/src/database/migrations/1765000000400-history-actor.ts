import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who of an office did a step (its key or staff user, from the event): offices being audited show who sent and
 * who received. Rows recorded before keep null: their events named no one.
 */
export class HistoryActor1765000000400 implements MigrationInterface {
  name = 'HistoryActor1765000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "archive"."history" ADD COLUMN "actor" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "archive"."history" DROP COLUMN "actor"`);
  }
}
