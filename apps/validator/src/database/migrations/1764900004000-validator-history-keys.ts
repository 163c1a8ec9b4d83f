import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The archive's search keys (被保険者番号) sent with each verdict, so that a re-published verdict is the same
 * event as the first. Older rows have none: their verdicts go without, and the archive reads the files.
 */
export class ValidatorHistoryKeys1764900004000 implements MigrationInterface {
  name = 'ValidatorHistoryKeys1764900004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "validator"."validations" ADD COLUMN "history_keys" jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "validator"."validations" DROP COLUMN "history_keys"`);
  }
}
