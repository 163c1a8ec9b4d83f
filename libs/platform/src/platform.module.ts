import { DynamicModule, Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { MetricsService } from './metrics/metrics.service';

export interface PlatformOptions {
  serviceName: string;
  logLevel: string;
}

const QUIET_ROUTES = new Set(['/health/live', '/health/ready', '/metrics']);

/** Request headers that carry secrets: an office's key, an operator's token, the services' shared token. */
export const REDACTED_HEADERS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["x-internal-token"]',
];

/** Logging (JSON lines), metrics and the health-check machinery every service shares. */
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
          },
        }),
      ],
      providers: [{ provide: MetricsService, useValue: new MetricsService(options.serviceName) }],
      exports: [MetricsService, TerminusModule, LoggerModule],
    };
  }
}
