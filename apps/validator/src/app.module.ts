import { DynamicModule, Module } from '@nestjs/common';
import { coreImports, coreProviders } from '@careplan/messaging';
import { HealthController, MetricsController } from '@careplan/platform';
import { ValidatorEnv } from './config/validator.env';
import { validatorDatabase } from './database/validator.database';
import { ValidationConsumer } from './validation/validation.consumer';
import { ValidationService } from './validation/validation.service';

@Module({})
export class AppModule {
  static register(env: ValidatorEnv): DynamicModule {
    const core = { service: 'validator', schema: validatorDatabase.schema, database: validatorDatabase };
    return {
      module: AppModule,
      imports: coreImports(env, core),
      controllers: [HealthController, MetricsController],
      providers: [...coreProviders(env, core), ValidationService, ValidationConsumer],
    };
  }
}
