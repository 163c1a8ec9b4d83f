import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * API keys have one owner, the gateway (it authenticates every request with them): the archive's copy, filled
 * from ApiKeyIssued/Revoked events both ways, goes. Operators list, issue and revoke keys through the gateway's
 * internal API; every key, also one an operator issued, is in the gateway's api_keys (its projection applied
 * the archive's key events until this release).
 */
export class DropOfficeKeys1764900002100 implements MigrationInterface {
  name = 'DropOfficeKeys1764900002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "archive"."office_keys"`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The table as it was, empty: its rows were a copy, and the gateway keeps the keys.
    await q.query(`CREATE TABLE "archive"."office_keys" (
      "id" uuid PRIMARY KEY,
      "office_number" varchar(10) NOT NULL REFERENCES "archive"."offices" ("office_number"),
      "key_prefix" varchar(16) NOT NULL,
      "label" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now(),
      "revoked_at" timestamptz
    )`);
    await q.query(`CREATE INDEX "ix_office_keys_office" ON "archive"."office_keys" ("office_number")`);
  }
}
