import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operations overview reads the senders' history of the last day or so (submissions by status, by hour):
 * a range of occurred_at whatever the office, answered from the index alone (it covers the columns read), so
 * its cost follows the day's traffic, not the size of the history. The day's rejections, whose reports it reads,
 * have a small index of their own, so their rows are found without visiting the day's other rows.
 */
export class HistoryOverview1764900011100 implements MigrationInterface {
  name = 'HistoryOverview1764900011100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "ix_history_sender_time" ON "archive"."history" ("occurred_at")
         INCLUDE ("event", "office_number", "submission_id") WHERE "role" = 'sender'`,
    );
    await q.query(
      `CREATE INDEX "ix_history_rejected_time" ON "archive"."history" ("occurred_at")
         WHERE "role" = 'sender' AND "event" = 'rejected'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "archive"."ix_history_rejected_time"`);
    await q.query(`DROP INDEX "archive"."ix_history_sender_time"`);
  }
}
