import { Module } from '@nestjs/common';
import { RegistryConsumer } from './registry.consumer';

/** Projects the archive's offices, licenses and API keys into the gateway's tables. */
@Module({ providers: [RegistryConsumer] })
export class RegistryModule {}
