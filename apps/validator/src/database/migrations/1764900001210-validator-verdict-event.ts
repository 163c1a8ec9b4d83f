import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The id of the verdict event published with each validation, so that a re-driven submission gets its
 * verdict again under the same id (consumers that had it change nothing). Older rows get one when first
 * re-published.
 */
export class ValidatorVerdictEvent1764900001210 implements MigrationInterface {
  name = 'ValidatorVerdictEvent1764900001210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "validator"."validations" ADD COLUMN "verdict_event_id" uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "validator"."validations" DROP COLUMN "verdict_event_id"`);
  }
}
