import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The id of the delivered event published with each delivery, so that a re-driven submission gets it
 * again under the same id (consumers that had it change nothing). Older rows get one when first
 * re-published.
 */
export class RouterDeliveryEvent1764900001310 implements MigrationInterface {
  name = 'RouterDeliveryEvent1764900001310';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "router"."deliveries" ADD COLUMN "event_id" uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "router"."deliveries" DROP COLUMN "event_id"`);
  }
}
