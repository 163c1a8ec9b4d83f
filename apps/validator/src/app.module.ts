import { DynamicModule, Module } from '@nestjs/common';
import { MessagingModule } from '@careplan/messaging';
import { PersistenceModule } from '@careplan/persistence';
import { PlatformModule } from '@careplan/platform';
import { ValidatorEnv } from './config/validator.env';
import { validatorDatabase } from './database/validator.database';
import { ValidationModule } from './validation/validation.module';

@Module({})
export class AppModule {
  static register(env: ValidatorEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot({
          serviceName: 'validator',
          logLevel: env.LOG_LEVEL,
          internalToken: env.INTERNAL_TOKEN,
        }),
        PersistenceModule.forRoot(env.DATABASE_URL, validatorDatabase),
        MessagingModule.forRoot(env, { service: 'validator', schema: validatorDatabase.schema }),
        ValidationModule,
      ],
    };
  }
}
