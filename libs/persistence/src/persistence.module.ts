import { DynamicModule, Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReadinessCheck, ReadinessService } from '@careplan/platform';
import { BlobStore } from './blobs/blob.store';
import { storageDatabase } from './blobs/storage.database';
import { dataSourceOptions, ServiceDatabase } from './database/database';

/** Without its database a service can do nothing: a critical dependency. */
export function postgresReadiness(ds: DataSource): ReadinessCheck {
  return { name: 'postgres', critical: true, check: async () => void (await ds.query('SELECT 1')) };
}

@Injectable()
class PostgresReadiness implements OnModuleInit {
  constructor(
    private readonly ds: DataSource,
    private readonly readiness: ReadinessService,
  ) {}

  onModuleInit(): void {
    this.readiness.register(postgresReadiness(this.ds));
  }
}

/** The service's TypeORM connection to its own schema (plus the shared blob store) and its readiness check. */
@Global()
@Module({})
export class PersistenceModule {
  static forRoot(url: string, database: ServiceDatabase): DynamicModule {
    return {
      module: PersistenceModule,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions(url, {
            ...database,
            entities: [...toArray(database.entities), ...toArray(storageDatabase.entities)],
          }),
        ),
      ],
      providers: [
        {
          provide: BlobStore,
          useFactory: (ds: DataSource) => new BlobStore(ds),
          inject: [getDataSourceToken()],
        },
        PostgresReadiness,
      ],
      exports: [BlobStore, TypeOrmModule],
    };
  }
}

function toArray<T>(list: T[] | Record<string, T>): T[] {
  return Array.isArray(list) ? list : Object.values(list);
}
