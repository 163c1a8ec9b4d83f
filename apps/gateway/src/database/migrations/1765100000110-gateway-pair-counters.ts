import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each sender → receiver pair's last sequence number in a row of its own. Accepting a bundle increments it in
 * the statement that stores the bundle: the row's lock, held until that statement commits, serialises the pair's
 * accepts as the pair's advisory lock did, without a transaction of several statements around it. Seeded from
 * the submissions already numbered.
 */
export class GatewayPairCounters1765100000110 implements MigrationInterface {
  name = 'GatewayPairCounters1765100000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "gateway"."pair_sequences" (
      "sender_office_number" varchar(10) NOT NULL,
      "receiver_office_number" varchar(10) NOT NULL,
      "last_seq" bigint NOT NULL,
      PRIMARY KEY ("sender_office_number", "receiver_office_number")
    )`);
    await q.query(`INSERT INTO "gateway"."pair_sequences" ("sender_office_number", "receiver_office_number", "last_seq")
      SELECT "sender_office_number", "receiver_office_number", MAX("pair_seq") FROM "gateway"."submissions"
       GROUP BY "sender_office_number", "receiver_office_number"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "gateway"."pair_sequences"`);
  }
}
