import { MigrationInterface, QueryRunner } from 'typeorm';

/** Which `.dlq` messages operators replayed (POST /ops/v1/dlq/replay, `ops dlq replay`), so each goes back once. */
export class KafkaDlqReplays1764900002000 implements MigrationInterface {
  name = 'KafkaDlqReplays1764900002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "archive"."kafka_dlq_replays" (
      "topic" text NOT NULL,
      "partition" int NOT NULL,
      "offset" bigint NOT NULL,
      "replayed_at" timestamptz NOT NULL DEFAULT now(),
      "replayed_by" text NOT NULL,
      CONSTRAINT "pk_kafka_dlq_replays" PRIMARY KEY ("topic", "partition", "offset")
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "archive"."kafka_dlq_replays"`);
  }
}
