import { MigrationInterface, QueryRunner } from 'typeorm';

/** Operator tokens can be revoked (POST /ops/v1/operators/:id/revoke): a revoked operator's token is refused. */
export class OperatorRevocation1764000005600 implements MigrationInterface {
  name = 'OperatorRevocation1764000005600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "archive"."operators" ADD COLUMN "revoked_at" timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "archive"."operators" DROP COLUMN "revoked_at"`);
  }
}
