import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { GATEWAY_SCHEMA } from '../database/schema';

export interface TokenKeyRow {
  key_id: string;
  public_key_pem: string;
  private_key_pem: string;
}

/** The generated access-token signing key (gateway.token_keys holds at most one row: a single-row index). */
@Injectable()
export class TokenKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async first(): Promise<TokenKeyRow | null> {
    const rows = await this.dataSource.query<TokenKeyRow[]>(
      `SELECT "key_id", "public_key_pem", "private_key_pem" FROM "${GATEWAY_SCHEMA}"."token_keys" ORDER BY "created_at" LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  /** The single-row index makes a second instance's insert a no-op; both then read the winner. */
  async insertUnlessOne(row: TokenKeyRow & { algorithm: string }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "${GATEWAY_SCHEMA}"."token_keys" ("key_id", "algorithm", "public_key_pem", "private_key_pem")
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [row.key_id, row.algorithm, row.public_key_pem, row.private_key_pem],
    );
  }
}
