import { MigrationInterface, QueryRunner } from 'typeorm';
import { createConsumerInflightTable, dropConsumerInflightTable } from '@careplan/messaging';

/** The consumers' record of messages in hand, so that one that crashes the process is set aside. */
export class RouterConsumerInflight1764900001300 implements MigrationInterface {
  name = 'RouterConsumerInflight1764900001300';

  async up(q: QueryRunner): Promise<void> {
    await createConsumerInflightTable(q, 'router');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropConsumerInflightTable(q, 'router');
  }
}
