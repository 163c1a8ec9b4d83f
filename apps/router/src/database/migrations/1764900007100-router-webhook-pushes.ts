import { MigrationInterface, QueryRunner } from 'typeorm';

export class RouterWebhookPushes1764900007100 implements MigrationInterface {
  name = 'RouterWebhookPushes1764900007100';

  async up(q: QueryRunner): Promise<void> {
    // One row per push (BullMQ job id = event and office): claimed by the attempt in flight, then marked
    // delivered. A job BullMQ runs again (stalled after a Redis outage) finds it delivered and skips it.
    await q.query(`CREATE TABLE "router"."webhook_pushes" (
      "job_id" text PRIMARY KEY,
      "event_id" uuid NOT NULL,
      "office_number" varchar(10) NOT NULL,
      "claim_token" uuid,
      "claimed_until" timestamptz,
      "delivered_at" timestamptz,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(
      `CREATE INDEX "ix_webhook_pushes_delivered" ON "router"."webhook_pushes" ("delivered_at") WHERE "delivered_at" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "router"."webhook_pushes"`);
  }
}
