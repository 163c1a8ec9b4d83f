import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@careplan/messaging';

export class RouterInit1764000000300 implements MigrationInterface {
  name = 'RouterInit1764000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "router"."deliveries" (
      "id" uuid PRIMARY KEY,
      "submission_id" uuid NOT NULL,
      "sender_office_number" varchar(10) NOT NULL,
      "receiver_office_number" varchar(10) NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    // Never two deliveries of one submission, whatever redelivers the validated event.
    await q.query(
      `CREATE UNIQUE INDEX "ux_deliveries_submission" ON "router"."deliveries" ("submission_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_deliveries_receiver" ON "router"."deliveries" ("receiver_office_number", "created_at")`,
    );
    await createMessagingTables(q, 'router');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'router');
    await q.query(`DROP TABLE "router"."deliveries"`);
  }
}
