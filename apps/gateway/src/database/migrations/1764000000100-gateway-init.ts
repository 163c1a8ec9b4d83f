import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@careplan/messaging';

export class GatewayInit1764000000100 implements MigrationInterface {
  name = 'GatewayInit1764000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "gateway"."offices" (
      "office_number" varchar(10) PRIMARY KEY,
      "name" text NOT NULL,
      "license_active" boolean NOT NULL DEFAULT false,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE "gateway"."api_keys" (
      "id" uuid PRIMARY KEY,
      "office_number" varchar(10) NOT NULL REFERENCES "gateway"."offices" ("office_number"),
      "key_hash" char(64) NOT NULL,
      "key_prefix" varchar(16) NOT NULL,
      "label" text NOT NULL DEFAULT '',
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "last_used_at" timestamptz,
      "revoked_at" timestamptz
    )`);
    await q.query(`CREATE UNIQUE INDEX "ux_api_keys_key_hash" ON "gateway"."api_keys" ("key_hash")`);
    await q.query(`CREATE INDEX "ix_api_keys_office" ON "gateway"."api_keys" ("office_number")`);
    await q.query(`CREATE TABLE "gateway"."submissions" (
      "id" uuid PRIMARY KEY,
      "sender_office_number" varchar(10) NOT NULL,
      "receiver_office_number" varchar(10) NOT NULL,
      "status" varchar(16) NOT NULL,
      "idempotency_key" varchar(255),
      "request_hash" char(64) NOT NULL,
      "report" jsonb,
      "accepted_at" timestamptz NOT NULL DEFAULT now(),
      "validated_at" timestamptz,
      "rejected_at" timestamptz,
      "delivered_at" timestamptz,
      "downloaded_at" timestamptz,
      "acknowledged_at" timestamptz
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "ux_submissions_idempotency" ON "gateway"."submissions" ("sender_office_number", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX "ix_submissions_sender_accepted" ON "gateway"."submissions" ("sender_office_number", "accepted_at" DESC, "id" DESC)`,
    );
    await q.query(`CREATE TABLE "gateway"."submission_files" (
      "id" uuid PRIMARY KEY,
      "submission_id" uuid NOT NULL REFERENCES "gateway"."submissions" ("id"),
      "position" integer NOT NULL,
      "name" text NOT NULL,
      "kind" varchar(16) NOT NULL,
      "content_type" text NOT NULL,
      "size" integer NOT NULL,
      "sha256" char(64) NOT NULL
    )`);
    await q.query(
      `CREATE INDEX "ix_submission_files_submission" ON "gateway"."submission_files" ("submission_id", "position")`,
    );
    await q.query(`CREATE TABLE "gateway"."inbox_entries" (
      "id" uuid PRIMARY KEY,
      "submission_id" uuid NOT NULL REFERENCES "gateway"."submissions" ("id"),
      "receiver_office_number" varchar(10) NOT NULL,
      "sender_office_number" varchar(10) NOT NULL,
      "delivered_at" timestamptz NOT NULL DEFAULT now(),
      "downloaded_at" timestamptz,
      "acknowledged_at" timestamptz
    )`);
    await q.query(
      `CREATE UNIQUE INDEX "ux_inbox_entries_submission" ON "gateway"."inbox_entries" ("submission_id")`,
    );
    await q.query(
      `CREATE INDEX "ix_inbox_entries_receiver" ON "gateway"."inbox_entries" ("receiver_office_number", "delivered_at" DESC, "id" DESC)`,
    );
    await createMessagingTables(q, 'gateway');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'gateway');
    for (const t of ['inbox_entries', 'submission_files', 'submissions', 'api_keys', 'offices']) {
      await q.query(`DROP TABLE "gateway"."${t}"`);
    }
  }
}
