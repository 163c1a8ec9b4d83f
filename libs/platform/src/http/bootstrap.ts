import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ProblemFilter } from '../errors/problem.filter';
import type { CommonEnv } from '../config/env';
import { MetricsService } from '../metrics/metrics.service';
import { problemClientErrorHandler, problemFrameworkErrors } from './client-errors';
import { useCheckedJsonParser } from './json-body';
import { installRateLimits, RateLimitSettings } from './rate-limit';
import { InternalListenerOptions, separateInternalRoutes } from './internal-listener';

export interface HttpOptions {
  port: number;
  host: string;
  bodyLimit?: number;
  /** Per-address and per-principal limits (rateLimitSettings); none when absent. */
  rateLimit?: RateLimitSettings;
  /** Proxies whose X-Forwarded-For is trusted for the client's address (TRUST_PROXY_HOPS). */
  trustProxyHops?: number;
  /** Where the internal routes (/internal/…) are served: never on the public port. */
  internal: InternalListenerOptions;
  /** Runs before listen: register Fastify plugins (multipart), OpenAPI … */
  configure?: (app: NestFastifyApplication) => Promise<void> | void;
}

/**
 * Creates a service's HTTP app with the shared pipes, error envelope, logging and request metrics, on two
 * listeners: the public port, and the internal one that alone serves /internal routes.
 */
export async function createHttpApp(
  module: Parameters<typeof NestFactory.create>[0],
  options: HttpOptions,
): Promise<NestFastifyApplication> {
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  // Whatever Node's parser or Fastify's router refuse before a route runs is problem+json too.
  const adapter = new FastifyAdapter({
    bodyLimit,
    ...(options.trustProxyHops ? { trustProxy: options.trustProxyHops } : {}),
    clientErrorHandler: problemClientErrorHandler,
    frameworkErrors: problemFrameworkErrors,
  });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  useCheckedJsonParser(app, bodyLimit);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new ProblemFilter());
  app.enableShutdownHooks();
  observeRequests(app);
  if (options.rateLimit) await installRateLimits(app.getHttpAdapter().getInstance(), options.rateLimit);
  const internal = separateInternalRoutes(app.getHttpAdapter().getInstance(), options.internal);
  await options.configure?.(app);
  await app.listen(options.port, options.host);
  await internal.listen().catch(async (e: unknown) => {
    await app.close();
    throw e;
  });
  return app;
}

/** The public and the internal listener as configured (PORT, HOST, INTERNAL_PORT, INTERNAL_HOST). */
export function listenersOf(env: CommonEnv): Pick<HttpOptions, 'port' | 'host' | 'internal'> {
  return { port: env.PORT, host: env.HOST, internal: { port: env.INTERNAL_PORT, host: env.INTERNAL_HOST } };
}

function observeRequests(app: NestFastifyApplication): void {
  const duration = app
    .get(MetricsService)
    .histogram('http_request_duration_seconds', 'HTTP request latency', ['method', 'route', 'status']);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    duration.observe(
      { method: req.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
}

/** Closes the app on a fatal start-up error with a readable message instead of a stack of Nest internals. */
export function runOrExit(name: string, start: () => Promise<INestApplication | void>): void {
  start().catch((e: unknown) => {
    console.error(`${name} failed to start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
