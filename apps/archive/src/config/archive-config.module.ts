import { DynamicModule, Global, Module } from '@nestjs/common';
import { ArchiveEnv } from './archive.env';

/** The archive's typed env, injectable everywhere (license sweep, receipt keys, the router client). */
@Global()
@Module({})
export class ArchiveConfigModule {
  static forRoot(env: ArchiveEnv): DynamicModule {
    return {
      module: ArchiveConfigModule,
      providers: [{ provide: ArchiveEnv, useValue: env }],
      exports: [ArchiveEnv],
    };
  }
}
