import { MigrationInterface, QueryRunner } from 'typeorm';

export class RouterWebhooks1764200000300 implements MigrationInterface {
  name = 'RouterWebhooks1764200000300';

  async up(q: QueryRunner): Promise<void> {
    // The router's projection of the gateway's webhook settings; url and secret null once removed.
    await q.query(`CREATE TABLE "router"."webhook_endpoints" (
      "office_number" varchar(10) PRIMARY KEY,
      "url" text,
      "secret" text,
      "configured_at" timestamptz NOT NULL,
      "updated_at" timestamptz NOT NULL DEFAULT now()
    )`);
    // Pushes that finally failed, for operators to list (by prefecture) and replay.
    await q.query(`CREATE TABLE "router"."webhook_dead_letters" (
      "id" uuid PRIMARY KEY,
      "job_id" text NOT NULL,
      "event_id" uuid NOT NULL,
      "event_type" varchar(40) NOT NULL,
      "office_number" varchar(10) NOT NULL,
      "prefecture" char(2) GENERATED ALWAYS AS (left("office_number", 2)) STORED,
      "url" text NOT NULL,
      "delivery_id" uuid,
      "submission_id" uuid NOT NULL,
      "job_data" jsonb NOT NULL,
      "attempts" integer NOT NULL,
      "last_error" text NOT NULL,
      "failed_at" timestamptz NOT NULL,
      "replay_requested_at" timestamptz,
      "replayed_at" timestamptz
    )`);
    // At most one open dead letter per job: a replay that fails again updates it.
    await q.query(
      `CREATE UNIQUE INDEX "ux_webhook_dead_letters_open_job" ON "router"."webhook_dead_letters" ("job_id") WHERE "replayed_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_webhook_dead_letters_open" ON "router"."webhook_dead_letters" ("failed_at", "id") WHERE "replayed_at" IS NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_webhook_dead_letters_prefecture" ON "router"."webhook_dead_letters" ("prefecture", "failed_at", "id") WHERE "replayed_at" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "router"."webhook_dead_letters"`);
    await q.query(`DROP TABLE "router"."webhook_endpoints"`);
  }
}
