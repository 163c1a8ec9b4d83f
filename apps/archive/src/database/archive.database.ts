import type { ServiceDatabase } from '@careplan/persistence';
import { HistoryRecordEntity } from '../history/history-record.entity';
import { ArchiveInit1764000000400 } from './migrations/1764000000400-archive-init';
import { HistorySearch1764000000500 } from './migrations/1764000000500-history-search';
import { ReceiptKeys1764000000510 } from './migrations/1764000000510-receipt-keys';
import { ArchiveRegistry1764000005400 } from './migrations/1764000005400-archive-registry';
import { OperatorRevocation1764000005600 } from './migrations/1764000005600-operator-revocation';
import { ArchiveConsumerInflight1764900001400 } from './migrations/1764900001400-archive-consumer-inflight';
import { KafkaDlqReplays1764900002000 } from './migrations/1764900002000-kafka-dlq-replays';
import { DropOfficeKeys1764900002100 } from './migrations/1764900002100-drop-office-keys';
import { ConsoleSignIn1764900002200 } from './migrations/1764900002200-console-sign-in';
import { HistoryOverview1764900011100 } from './migrations/1764900011100-history-overview';
import { AuditFilters1764900011200 } from './migrations/1764900011200-audit-filters';
import { HistoryActor1765000000400 } from './migrations/1765000000400-history-actor';
import { HistoryFile1765000000410 } from './migrations/1765000000410-history-file';
import { ARCHIVE_SCHEMA } from './schema';
import { REGISTRY_ENTITIES } from '../ops/ops.entities';

export const archiveDatabase: ServiceDatabase = {
  schema: ARCHIVE_SCHEMA,
  entities: [HistoryRecordEntity, ...REGISTRY_ENTITIES],
  migrations: [
    ArchiveInit1764000000400,
    HistorySearch1764000000500,
    ReceiptKeys1764000000510,
    ArchiveRegistry1764000005400,
    OperatorRevocation1764000005600,
    ArchiveConsumerInflight1764900001400,
    KafkaDlqReplays1764900002000,
    DropOfficeKeys1764900002100,
    ConsoleSignIn1764900002200,
    HistoryOverview1764900011100,
    AuditFilters1764900011200,
    HistoryActor1765000000400,
    HistoryFile1765000000410,
  ],
};
