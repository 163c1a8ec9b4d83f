import 'reflect-metadata';
import { createHttpApp, listenersOf, loadEnv, runOrExit } from '@careplan/platform';
import { AppModule } from './app.module';
import { ValidatorEnv } from './config/validator.env';

runOrExit('validator', async () => {
  const env = loadEnv(ValidatorEnv);
  return createHttpApp(AppModule.register(env), listenersOf(env));
});
