import { Module } from '@nestjs/common';
import { RegistryConsumer } from './registry.consumer';

/** Projects the archive's offices and licenses into the gateway's tables (API keys are the gateway's own). */
@Module({ providers: [RegistryConsumer] })
export class RegistryModule {}
