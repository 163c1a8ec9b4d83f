import { MigrationInterface, QueryRunner } from 'typeorm';
import { createMessagingTables, dropMessagingTables } from '@careplan/messaging';

export class ValidatorInit1764000000200 implements MigrationInterface {
  name = 'ValidatorInit1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "validator"."validations" (
      "submission_id" uuid PRIMARY KEY,
      "ok" boolean NOT NULL,
      "error_count" integer NOT NULL,
      "warning_count" integer NOT NULL,
      "report" jsonb NOT NULL,
      "duration_ms" integer NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await createMessagingTables(q, 'validator');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropMessagingTables(q, 'validator');
    await q.query(`DROP TABLE "validator"."validations"`);
  }
}
