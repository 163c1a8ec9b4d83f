import { MigrationInterface, QueryRunner } from 'typeorm';
import { createConsumerInflightTable, dropConsumerInflightTable } from '@careplan/messaging';

/** The consumers' record of messages in hand, so that one that crashes the process is set aside. */
export class ArchiveConsumerInflight1764900001400 implements MigrationInterface {
  name = 'ArchiveConsumerInflight1764900001400';

  async up(q: QueryRunner): Promise<void> {
    await createConsumerInflightTable(q, 'archive');
  }

  async down(q: QueryRunner): Promise<void> {
    await dropConsumerInflightTable(q, 'archive');
  }
}
