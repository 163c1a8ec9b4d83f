import { MigrationInterface, QueryRunner } from 'typeorm';
import { createConsumerInflightTable, dropConsumerInflightTable } from '@careplan/messaging';

/** The consumers' record of messages in hand, so that one that crashes the process is set aside. */
export class ValidatorConsumerInflight1764900001200 implements MigrationInterface {
  name = 'ValidatorConsumerInflight1764900001200';

  async up(q: QueryRunner): Promise<void> {
    await createConsumerInflightTable(q, 'validator');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropConsumerInflightTable(q, 'validator');
  }
}
