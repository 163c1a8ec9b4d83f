import { MigrationInterface, QueryRunner } from 'typeorm';

export class GatewayWebhooks1764200000100 implements MigrationInterface {
  name = 'GatewayWebhooks1764200000100';

  async up(q: QueryRunner): Promise<void> {
    // One endpoint per office; the signing secret lives only with the router, which signs.
    await q.query(`CREATE TABLE "gateway"."webhooks" (
      "office_number" varchar(10) PRIMARY KEY REFERENCES "gateway"."offices" ("office_number"),
      "url" text NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "gateway"."webhooks"`);
  }
}
