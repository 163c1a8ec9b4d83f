import { MigrationInterface, QueryRunner } from 'typeorm';

/** The operations overview counts the day's deliveries: a range of created_at, whatever the receiver. */
export class RouterDeliveriesCreated1764900011000 implements MigrationInterface {
  name = 'RouterDeliveriesCreated1764900011000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "ix_deliveries_created" ON "router"."deliveries" ("created_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "router"."ix_deliveries_created"`);
  }
}
