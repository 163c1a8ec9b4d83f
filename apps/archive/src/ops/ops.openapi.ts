import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type {
  OperationObject,
  ResponseObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CONSOLE_COOKIE } from '../console-auth/console-session';

/** The security scheme of the console's session cookie. */
export const CONSOLE_SECURITY = 'console';

/** The operations API's OpenAPI: served at /ops/openapi.json (UI at /ops/docs), checked in as openapi/ops.json. */
export function opsOpenApi(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('careplan-exchange operations')
      .setDescription(
        'For federation operators (国保連合会 / 国保中央会): offices, keys, licenses, campaigns, billing, adoption, dead letters.',
      )
      .setVersion('1')
      .setLicense('MIT', 'https://opensource.org/licenses/MIT')
      // Relative: the document is served by the API it describes, wherever that is deployed.
      .addServer('/')
      .addBearerAuth()
      .addCookieAuth(
        CONSOLE_COOKIE,
        {
          type: 'apiKey',
          in: 'cookie',
          description:
            'The operations console session (POST /ops/v1/session). With it, POST, PUT, PATCH and DELETE need the header X-CSRF-Token: the csrfToken of the session.',
        },
        CONSOLE_SECURITY,
      )
      .build(),
  );
  return withConsoleSession(document);
}

/**
 * OperatorGuard takes the console session wherever it takes a bearer token: every such operation says so. Its
 * CONSOLE_CSRF (in ProblemGroups.operatorToken) is answered to unsafe methods only: GET and HEAD do not list it.
 */
function withConsoleSession(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const op of [item.get, item.head]) if (op) dropProblem(op, '403', 'CONSOLE_CSRF');
    for (const op of [item.get, item.head, item.put, item.post, item.delete, item.patch])
      if (op?.security?.some((s) => 'bearer' in s) && !op.security.some((s) => CONSOLE_SECURITY in s))
        op.security.push({ [CONSOLE_SECURITY]: [] });
  }
  return document;
}

/** Takes a code out of an operation's problem response (as ApiProblems writes it), and the response if empty. */
function dropProblem(op: OperationObject, status: string, code: string): void {
  const response = op.responses[status] as ResponseObject | undefined;
  if (!response) return;
  const codes = [...response.description.matchAll(/`(\w+)`/g)].map((m) => m[1]).filter((c) => c !== code);
  if (codes.length === 0) delete op.responses[status];
  else response.description = `Problem: ${codes.map((c) => `\`${c}\``).join(', ')}`;
}

/** Vendors never see this document: it is served by the archive only. */
export function setupOpsDocs(app: NestFastifyApplication): void {
  SwaggerModule.setup('ops/docs', app, opsOpenApi(app), { jsonDocumentUrl: 'ops/openapi.json' });
}
