import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the reconciler needs to re-drive a stuck submission idempotently: the id of its received event
 * (a re-drive publishes that event again, so every consumer recognises it), when it was last re-driven
 * and how often. Submissions accepted before this migration get an id at their first re-drive.
 */
export class GatewayReconcile1764900001110 implements MigrationInterface {
  name = 'GatewayReconcile1764900001110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateway"."submissions"
      ADD COLUMN "received_event_id" uuid,
      ADD COLUMN "redriven_at" timestamptz,
      ADD COLUMN "redrive_count" integer NOT NULL DEFAULT 0`);
    // The reconciler's scan: only submissions still on their way, a small part of the table.
    await q.query(
      `CREATE INDEX "ix_submissions_in_flight" ON "gateway"."submissions" ("accepted_at") WHERE "status" IN ('accepted', 'validated')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "gateway"."ix_submissions_in_flight"`);
    await q.query(`ALTER TABLE "gateway"."submissions"
      DROP COLUMN "redrive_count", DROP COLUMN "redriven_at", DROP COLUMN "received_event_id"`);
  }
}
