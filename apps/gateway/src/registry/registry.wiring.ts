import type { Provider, Type } from '@nestjs/common';
import { GatewayEnv } from '../config/gateway.env';
import { DirectoryClient } from '../directory/directory.client';
import { DirectoryController } from '../directory/directory.controller';
import { RegistryConsumer } from './registry.consumer';

// The registry projection and the vendor directory, wired into the gateway's module.

export const REGISTRY_CONTROLLERS: Type[] = [DirectoryController];

export function registryProviders(env: GatewayEnv): Provider[] {
  return [
    RegistryConsumer,
    {
      provide: DirectoryClient,
      useFactory: () => new DirectoryClient({ baseUrl: env.ARCHIVE_URL, internalToken: env.INTERNAL_TOKEN }),
    },
  ];
}
