import 'reflect-metadata';
import { loadEnv, printOpenApiDocument, runOrExit } from '@careplan/platform';
import { AppModule } from '../app.module';
import { ArchiveEnv } from '../config/archive.env';
import { opsOpenApi } from './ops.openapi';

// Prints the operations API's OpenAPI document (npm run openapi writes it to openapi/ops.json). Defaults only: the
// document does not depend on how a deployment is configured.
runOrExit('ops-openapi', () => printOpenApiDocument(AppModule.register(loadEnv(ArchiveEnv, {})), opsOpenApi));
