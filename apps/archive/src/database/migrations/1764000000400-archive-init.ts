import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@careplan/messaging';

export class ArchiveInit1764000000400 implements MigrationInterface {
  name = 'ArchiveInit1764000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "archive"."history" (
      "id" bigserial PRIMARY KEY,
      "office_number" varchar(10) NOT NULL,
      "event" varchar(16) NOT NULL,
      "role" varchar(8) NOT NULL,
      "counterpart_office_number" varchar(10) NOT NULL,
      "submission_id" uuid NOT NULL,
      "delivery_id" uuid,
      "files" jsonb NOT NULL DEFAULT '[]',
      "details" jsonb,
      "occurred_at" timestamptz NOT NULL,
      "event_id" uuid NOT NULL
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "ux_history_event_office" ON "archive"."history" ("event_id", "office_number")`,
    );
    await q.query(
      `CREATE INDEX "ix_history_office_time" ON "archive"."history" ("office_number", "occurred_at" DESC, "id" DESC)`,
    );
    await q.query(`CREATE INDEX "ix_history_submission" ON "archive"."history" ("submission_id")`);
    await createMessagingTables(q, 'archive');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'archive');
    await q.query(`DROP TABLE "archive"."history"`);
  }
}
