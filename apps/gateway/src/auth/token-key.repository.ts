import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Ed25519KeyTable } from '@careplan/persistence';
import { GATEWAY_SCHEMA } from '../database/schema';

/** The generated access-token signing key (gateway.token_keys holds at most one row). */
@Injectable()
export class TokenKeyRepository extends Ed25519KeyTable {
  constructor(@InjectDataSource() dataSource: DataSource) {
    super(dataSource, GATEWAY_SCHEMA, 'token_keys');
  }
}
