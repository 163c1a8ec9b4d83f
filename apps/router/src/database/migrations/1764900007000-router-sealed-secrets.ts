import { MigrationInterface, QueryRunner } from 'typeorm';

export class RouterSealedSecrets1764900007000 implements MigrationInterface {
  name = 'RouterSealedSecrets1764900007000';

  async up(q: QueryRunner): Promise<void> {
    // The signing secret sealed with WEBHOOK_SECRET_KEY. The plain "secret" column is read only for rows
    // written before, and emptied by the router at start (WebhookEndpointsService.sealStoredSecrets).
    await q.query(`ALTER TABLE "router"."webhook_endpoints" ADD COLUMN "secret_sealed" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "router"."webhook_endpoints" DROP COLUMN "secret_sealed"`);
  }
}
