import { Module } from '@nestjs/common';
import { ArchiveEnv } from '../config/archive.env';
import { OperatorsModule } from '../operators/operators.module';
import { OpsDeadLettersController } from './dead-letters.controller';
import { DeadLettersService } from './dead-letters.service';
import { RouterClient } from './router.client';

/** Webhook dead letters, read and replayed through the router's internal API. */
@Module({
  imports: [OperatorsModule],
  controllers: [OpsDeadLettersController],
  providers: [
    {
      provide: RouterClient,
      inject: [ArchiveEnv],
      useFactory: (env: ArchiveEnv) =>
        new RouterClient({ baseUrl: env.ROUTER_URL, internalToken: env.INTERNAL_TOKEN }),
    },
    DeadLettersService,
  ],
  exports: [RouterClient],
})
export class DeadLettersModule {}
