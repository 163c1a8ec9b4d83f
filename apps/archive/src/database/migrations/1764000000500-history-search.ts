import { MigrationInterface, QueryRunner } from 'typeorm';
import { fileTypesOf } from '../../history/history.mapping';

const BACKFILL_BATCH = 1000;

/** Search columns of the history: file types (from the standard file names) and 被保険者番号. */
export class HistorySearch1764000000500 implements MigrationInterface {
  name = 'HistorySearch1764000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "archive"."history"
      ADD COLUMN "file_types" text[] NOT NULL DEFAULT '{}',
      ADD COLUMN "insured_numbers" text[] NOT NULL DEFAULT '{}'`);
    await backfillFileTypes(q);
    await q.query(`CREATE INDEX "ix_history_file_types" ON "archive"."history" USING gin ("file_types")`);
    await q.query(
      `CREATE INDEX "ix_history_insured_numbers" ON "archive"."history" USING gin ("insured_numbers")`,
    );
    await q.query(
      `CREATE INDEX "ix_history_office_counterpart_time" ON "archive"."history" ("office_number", "counterpart_office_number", "occurred_at" DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "archive"."ix_history_office_counterpart_time"`);
    await q.query(`DROP INDEX "archive"."ix_history_insured_numbers"`);
    await q.query(`DROP INDEX "archive"."ix_history_file_types"`);
    await q.query(`ALTER TABLE "archive"."history" DROP COLUMN "insured_numbers", DROP COLUMN "file_types"`);
  }
}

// File types are derived in code (libs/spec knows the names), so existing rows are filled in batches here.
// Rows without files (verdicts, downloads) get theirs from a row of the same submission that has them.
// 被保険者番号 of existing rows are not backfilled: they need the file bytes; new rows carry them.
async function backfillFileTypes(q: QueryRunner): Promise<void> {
  let after = '0';
  for (;;) {
    const rows = (await q.query(
      `SELECT "id", "files" FROM "archive"."history" WHERE "id" > $1 AND "files" <> '[]'::jsonb ORDER BY "id" LIMIT $2`,
      [after, BACKFILL_BATCH],
    )) as { id: string; files: { name: string }[] }[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const types = fileTypesOf(r.files.map((f) => f.name));
      if (types.length > 0)
        await q.query(`UPDATE "archive"."history" SET "file_types" = $2 WHERE "id" = $1`, [r.id, types]);
    }
    after = rows[rows.length - 1].id;
  }
  await q.query(`UPDATE "archive"."history" h SET "file_types" = s."file_types"
    FROM (SELECT DISTINCT ON ("submission_id") "submission_id", "file_types" FROM "archive"."history"
          WHERE "file_types" <> '{}' ORDER BY "submission_id", "id") s
    WHERE h."submission_id" = s."submission_id" AND h."file_types" = '{}'`);
}
