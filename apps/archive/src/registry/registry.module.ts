import { Module } from '@nestjs/common';
import { OperatorsModule } from '../operators/operators.module';
import { KeysConsumer } from './keys.consumer';
import { OpsOfficesController } from './registry.controller';
import { RegistryService } from './registry.service';

/** Offices and their API keys, including the keys offices issue or revoke themselves through the gateway. */
@Module({
  imports: [OperatorsModule],
  controllers: [OpsOfficesController],
  providers: [RegistryService, KeysConsumer],
})
export class RegistryModule {}
