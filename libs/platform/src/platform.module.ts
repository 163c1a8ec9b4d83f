import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { HealthController } from './health/health.controller';
import { ReadinessService } from './health/readiness';
import { INTERNAL_TOKEN, InternalTokenGuard } from './internal/internal-token.guard';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';

export interface PlatformOptions {
  serviceName: string;
  logLevel: string;
  /** The shared secret of the services' internal routes; without it InternalTokenGuard refuses every call. */
  internalToken?: string;
}

const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/** Request headers that carry secrets: an office's key, an operator's token, the services' shared token. */
export const REDACTED_HEADERS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-internal-token"]',
  // The archive's console session: its cookie, its CSRF token, and the cookie set at sign-in.
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

/** What a request's log line says of the request (pino-http's serialised request is the input). */
export function requestLine(req: {
  id?: unknown;
  method?: string;
  url?: string;
  remoteAddress?: string;
  headers?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    id: req.id,
    method: req.method,
    url: req.url,
    remoteAddress: req.remoteAddress,
    userAgent: req.headers?.['user-agent'],
  };
}

/** What a request's log line says of the response. */
export function responseLine(res: { statusCode?: number }): Record<string, unknown> {
  return { statusCode: res.statusCode };
}

/**
 * Logging (JSON lines), metrics, /health and /metrics, and the internal-token guard every service shares.
 * Other modules add their dependencies to readiness through ReadinessService.register.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: PlatformModule,
      imports: [
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: options.logLevel,
            base: { service: options.serviceName },
            autoLogging: { ignore: (req) => QUIET_ROUTES.has((req.url ?? '').split('?')[0]) },
            redact: REDACTED_HEADERS,
            // One line per request with what finds it again (id, route, caller, outcome): serialising every
            // header and the parsed query as well showed in profiles, and the headers are mostly secrets.
            serializers: { req: requestLine, res: responseLine },
          },
        }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: MetricsService, useValue: new MetricsService(options.serviceName) },
        // An empty token never matches a presented one (the guard compares lengths first).
        { provide: INTERNAL_TOKEN, useValue: options.internalToken ?? '' },
        InternalTokenGuard,
        ReadinessService,
      ],
      exports: [
        MetricsService,
        ReadinessService,
        INTERNAL_TOKEN,
        InternalTokenGuard,
        TerminusModule,
        LoggerModule,
      ],
    };
  }
}
