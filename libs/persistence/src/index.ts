export * from './database/database';
export * from './database/advisory-lock';
export * from './database/like';
export * from './database/migrate-main';
export * from './blobs/blob.entity';
export * from './blobs/blob.store';
export * from './blobs/storage.database';
export * from './persistence.module';
