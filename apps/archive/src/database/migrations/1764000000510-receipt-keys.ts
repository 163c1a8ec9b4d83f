import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The service's receipt signing key when RECEIPT_SIGNING_KEY is not configured: generated on first use and kept
 * here so every archive instance signs with the same key. One row per key; never regenerated while one exists.
 */
export class ReceiptKeys1764000000510 implements MigrationInterface {
  name = 'ReceiptKeys1764000000510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "archive"."receipt_keys" (
      "key_id" varchar(16) PRIMARY KEY,
      "algorithm" varchar(16) NOT NULL,
      "public_key_pem" text NOT NULL,
      "private_key_pem" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    // Only one generated key may exist: concurrent first uses race on this index and converge on one key.
    await q.query(`CREATE UNIQUE INDEX "ux_receipt_keys_single" ON "archive"."receipt_keys" ((true))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "archive"."receipt_keys"`);
  }
}
