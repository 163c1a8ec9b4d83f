import { ServiceDatabase } from '../database/database';
import { CreateBlobs1764000000000 } from './1764000000000-create-blobs';
import { BlobEntity, STORAGE_SCHEMA } from './blob.entity';

/** The blob store's own schema, migrated like a service's. */
export const storageDatabase: ServiceDatabase = {
  schema: STORAGE_SCHEMA,
  entities: [BlobEntity],
  migrations: [CreateBlobs1764000000000],
};
