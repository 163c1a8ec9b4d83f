import { MigrationInterface, QueryRunner } from 'typeorm';
import { createConsumerInflightTable, dropConsumerInflightTable } from '@careplan/messaging';

/** The consumers' record of messages in hand, so that one that crashes the process is set aside. */
export class GatewayConsumerInflight1764900001100 implements MigrationInterface {
  name = 'GatewayConsumerInflight1764900001100';

  async up(q: QueryRunner): Promise<void> {
    await createConsumerInflightTable(q, 'gateway');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropConsumerInflightTable(q, 'gateway');
  }
}
