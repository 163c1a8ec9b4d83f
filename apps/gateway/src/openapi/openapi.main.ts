import 'reflect-metadata';
import { loadEnv, printOpenApiDocument, runOrExit } from '@careplan/platform';
import { AppModule } from '../app.module';
import { GatewayEnv } from '../config/gateway.env';
import { gatewayOpenApi } from './gateway.openapi';

// Prints the gateway's OpenAPI document (npm run openapi writes it to openapi/gateway.json). Defaults only: the
// document does not depend on how a deployment is configured.
runOrExit('gateway-openapi', () =>
  printOpenApiDocument(AppModule.register(loadEnv(GatewayEnv, {})), gatewayOpenApi),
);
