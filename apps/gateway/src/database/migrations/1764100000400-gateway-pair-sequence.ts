import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A per-pair sequence number on submissions (sender → receiver), assigned under a per-pair lock at
 * accept time: receiving software imports in this order. Existing rows are numbered by acceptance.
 */
export class GatewayPairSequence1764100000400 implements MigrationInterface {
  name = 'GatewayPairSequence1764100000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "gateway"."submissions" ADD COLUMN "pair_seq" bigint`);
    await q.query(`UPDATE "gateway"."submissions" s SET "pair_seq" = n.seq
      FROM (SELECT "id", row_number() OVER (
              PARTITION BY "sender_office_number", "receiver_office_number" ORDER BY "accepted_at", "id") AS seq
            FROM "gateway"."submissions") n
      WHERE s."id" = n."id"`);
    await q.query(`ALTER TABLE "gateway"."submissions" ALTER COLUMN "pair_seq" SET NOT NULL`);
    await q.query(
      `CREATE UNIQUE INDEX "ux_submissions_pair_seq" ON "gateway"."submissions" ("sender_office_number", "receiver_office_number", "pair_seq")`,
    );
    await q.query(
      `CREATE INDEX "ix_inbox_entries_receiver_sender" ON "gateway"."inbox_entries" ("receiver_office_number", "sender_office_number", "delivered_at" DESC, "id" DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "gateway"."ix_inbox_entries_receiver_sender"`);
    await q.query(`DROP INDEX "gateway"."ux_submissions_pair_seq"`);
    await q.query(`ALTER TABLE "gateway"."submissions" DROP COLUMN "pair_seq"`);
  }
}
