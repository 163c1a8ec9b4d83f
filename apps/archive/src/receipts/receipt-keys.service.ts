import { Inject, Injectable } from '@nestjs/common';
import { configuredEd25519Key, Ed25519KeySource } from '@careplan/persistence';
import { ArchiveEnv } from '../config/archive.env';
import { ReceiptKeyRepository } from './receipt-key.repository';

export const RECEIPT_ALGORITHM = 'Ed25519';

/** The key that signs receipts: RECEIPT_SIGNING_KEY when configured, else the one kept in archive.receipt_keys. */
@Injectable()
export class ReceiptKeysService extends Ed25519KeySource {
  constructor(@Inject(ArchiveEnv) env: Pick<ArchiveEnv, 'RECEIPT_SIGNING_KEY'>, keys: ReceiptKeyRepository) {
    super(configuredEd25519Key(env.RECEIPT_SIGNING_KEY, 'RECEIPT_SIGNING_KEY'), keys, 'receipt signing key');
  }
}
