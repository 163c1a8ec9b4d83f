import { Module } from '@nestjs/common';
import { ArchiveEnv } from '../config/archive.env';
import { OperatorsModule } from '../operators/operators.module';
import { GatewayKeysClient } from './gateway-keys.client';
import { OpsOfficesController } from './registry.controller';
import { RegistryOfficeRepository } from './registry-office.repository';
import { RegistryService } from './registry.service';

/** Offices, and the operators' side of their API keys: the keys themselves are the gateway's (GATEWAY_URL). */
@Module({
  imports: [OperatorsModule],
  controllers: [OpsOfficesController],
  providers: [
    {
      provide: GatewayKeysClient,
      inject: [ArchiveEnv],
      useFactory: (env: ArchiveEnv) =>
        new GatewayKeysClient({ baseUrl: env.GATEWAY_URL, internalToken: env.INTERNAL_TOKEN }),
    },
    RegistryService,
    RegistryOfficeRepository,
  ],
  exports: [RegistryOfficeRepository, RegistryService],
})
export class RegistryModule {}
