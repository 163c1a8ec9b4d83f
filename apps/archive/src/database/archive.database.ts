import type { ServiceDatabase } from '@careplan/persistence';
import { HistoryRecordEntity } from '../history/history-record.entity';
import { ArchiveInit1764000000400 } from './migrations/1764000000400-archive-init';
import { HistorySearch1764000000500 } from './migrations/1764000000500-history-search';
import { ReceiptKeys1764000000510 } from './migrations/1764000000510-receipt-keys';
import { ARCHIVE_SCHEMA } from './schema';

export const archiveDatabase: ServiceDatabase = {
  schema: ARCHIVE_SCHEMA,
  entities: [HistoryRecordEntity],
  migrations: [ArchiveInit1764000000400, HistorySearch1764000000500, ReceiptKeys1764000000510],
};
