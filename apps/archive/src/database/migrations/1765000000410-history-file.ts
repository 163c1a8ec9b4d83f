import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which file of a delivery a download was (null for the whole bundle, and for rows recorded before): the receiver's
 * history now records every download, by whom and of what.
 */
export class HistoryFile1765000000410 implements MigrationInterface {
  name = 'HistoryFile1765000000410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "archive"."history" ADD COLUMN "file_id" uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "archive"."history" DROP COLUMN "file_id"`);
  }
}
