import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ARCHIVE_SCHEMA } from '../database/schema';

export interface ReceiptKeyRow {
  key_id: string;
  public_key_pem: string;
  private_key_pem: string;
}

/** The stored receipt signing keys (archive.receipt_keys holds at most one row: a single-row index). */
@Injectable()
export class ReceiptKeyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async publicKeyPem(keyId: string): Promise<string | null> {
    const rows = await this.dataSource.query<Pick<ReceiptKeyRow, 'public_key_pem'>[]>(
      `SELECT "public_key_pem" FROM "${ARCHIVE_SCHEMA}"."receipt_keys" WHERE "key_id" = $1`,
      [keyId],
    );
    return rows[0]?.public_key_pem ?? null;
  }

  async first(): Promise<ReceiptKeyRow | null> {
    const rows = await this.dataSource.query<ReceiptKeyRow[]>(
      `SELECT "key_id", "public_key_pem", "private_key_pem" FROM "${ARCHIVE_SCHEMA}"."receipt_keys" ORDER BY "created_at" LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  /** The single-row index makes a second instance's insert a no-op; both then read the winner. */
  async insertUnlessOne(row: ReceiptKeyRow & { algorithm: string }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "${ARCHIVE_SCHEMA}"."receipt_keys" ("key_id", "algorithm", "public_key_pem", "private_key_pem")
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [row.key_id, row.algorithm, row.public_key_pem, row.private_key_pem],
    );
  }
}
