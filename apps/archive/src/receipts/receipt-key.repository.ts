import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Ed25519KeyTable } from '@careplan/persistence';
import { ARCHIVE_SCHEMA } from '../database/schema';

/** The generated receipt signing key (archive.receipt_keys holds at most one row). */
@Injectable()
export class ReceiptKeyRepository extends Ed25519KeyTable {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, ARCHIVE_SCHEMA, 'receipt_keys');
  }
}
