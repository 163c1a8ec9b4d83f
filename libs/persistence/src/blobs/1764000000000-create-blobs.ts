import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateBlobs1764000000000 implements MigrationInterface {
  name = 'CreateBlobs1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "storage"."blobs" (
      "sha256" char(64) PRIMARY KEY,
      "size" integer NOT NULL,
      "content" bytea NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "storage"."blobs"`);
  }
}
