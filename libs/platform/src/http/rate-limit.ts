import { Logger } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import fastifyRateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import type { CommonEnv } from '../config/env';
import { AppException, problem } from '../errors/app.exception';
import { PLATFORM_PROBLEMS } from '../errors/platform.problems';

/** What a service limits, from its validated configuration. */
export interface RateLimitSettings {
  /** Requests a minute per authenticated principal (an office, an operator); 0 = no limit. */
  perMinute: number;
  /** Requests a minute per client address that did not authenticate; 0 = no limit. */
  publicPerMinute: number;
  /** Redis of the counters, shared by every instance of the service; null = counted in this process. */
  redisUrl: string | null;
  /** Prefix of the counters' Redis keys (with the service's name), so environments sharing Redis stay apart. */
  keyPrefix: string;
  /**
   * A cookie that carries credentials like a header does (the archive's console session): a request with it
   * is counted against its principal once a guard authenticated it, not against its address at the door.
   */
  credentialCookie?: string;
}

export function rateLimitSettings(env: CommonEnv, service: string): RateLimitSettings {
  return {
    perMinute: env.RATE_LIMIT_PER_MINUTE,
    publicPerMinute: env.RATE_LIMIT_PUBLIC_PER_MINUTE,
    redisUrl: env.RATE_LIMIT_STORE === 'redis' ? env.REDIS_URL : null,
    keyPrefix: `${env.RATE_LIMIT_PREFIX}${service}:`,
  };
}

const WINDOW_MS = 60_000;
const REDIS_START_WAIT_MS = 2_000;
const REDIS_COMMAND_TIMEOUT_MS = 500;
// Never limited: probes, scrapes and the services' calls to each other.
const UNLIMITED = /^\/(health|metrics|internal)(\/|\?|$)/;

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

interface Limits {
  limit: Limiter;
  perMinute: number;
  publicPerMinute: number;
  credentialCookie: RegExp | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    careplanRateLimits?: Limits;
  }
  interface FastifyContextConfig {
    careplanPublicRoute?: boolean;
  }
}

/** What a request is being counted as now: `address:<ip>` or `principal:<who>`. */
const counterKeys = new WeakMap<FastifyRequest, string>();
const PRINCIPAL = 'principal:';
/** Requests already counted against their address (at the door, or as a failed authentication). */
const counted = new WeakSet<FastifyRequest>();

/**
 * Marks a route that answers without credentials (proofs' public key, receipt verification …): it is
 * limited per client address whatever headers the request carries, so a made-up key does not escape it.
 */
export const PublicRoute = (): MethodDecorator => RouteConfig({ careplanPublicRoute: true });

export const rateLimited = (retryAfter: number) =>
  problem(PLATFORM_PROBLEMS.RATE_LIMITED, { retryAfter }, { retryAfter });

/**
 * Per-address and per-principal limits (@fastify/rate-limit, one-minute windows) in Redis or in memory.
 * A request without credentials, or on a public route, counts against its address at the door; one with
 * credentials counts against its principal once a guard authenticated it (limitPrincipal), or against its
 * address when authentication fails (limitFailedAuthentication). Health, metrics and /internal never count.
 * Counting fails open: with Redis down, requests pass.
 */
export async function installRateLimits(
  fastify: FastifyInstance,
  settings: RateLimitSettings,
): Promise<void> {
  const redis = settings.redisUrl ? await connectRedis(settings.redisUrl) : undefined;
  // One limiter on the plugin's own settings (a limiter with options of its own gets a route-named key).
  await fastify.register(fastifyRateLimit, {
    global: false,
    timeWindow: WINDOW_MS,
    skipOnError: true,
    keyGenerator: (req) => counterKeys.get(req) ?? `address:${normalizeIP(req.ip)}`,
    max: (_req, key) => (key.startsWith(PRINCIPAL) ? settings.perMinute : settings.publicPerMinute),
    ...(redis ? { redis, nameSpace: settings.keyPrefix } : {}),
  });
  fastify.decorate('careplanRateLimits', {
    limit: fastify.createRateLimit(),
    perMinute: settings.perMinute,
    publicPerMinute: settings.publicPerMinute,
    credentialCookie: settings.credentialCookie ? cookiePattern(settings.credentialCookie) : null,
  });
  fastify.addHook('onRequest', async (req) => {
    if (UNLIMITED.test(req.url)) return;
    if (req.routeOptions.config.careplanPublicRoute === true || !hasCredentials(req)) await countAddress(req);
  });
  if (redis)
    fastify.addHook('onClose', (_instance, done) => {
      redis.disconnect();
      done();
    });
}

/** Counts a request of an authenticated principal (`office:1371201367`); 429 RATE_LIMITED past the limit. */
export async function limitPrincipal(req: FastifyRequest, principal: string): Promise<void> {
  const limits = req.server.careplanRateLimits;
  if (!limits?.perMinute) return;
  counterKeys.set(req, `${PRINCIPAL}${principal}`);
  await enforce(limits.limit, req);
}

/**
 * Counts a refused credential (a 401 `error`) against the client's address; 429 RATE_LIMITED instead past
 * the limit. Any other failure (the database down …) is not the caller's doing and is not counted.
 */
export async function limitFailedAuthentication(req: FastifyRequest, error: unknown): Promise<void> {
  if (error instanceof AppException && error.status === 401) await countAddress(req);
}

async function countAddress(req: FastifyRequest): Promise<void> {
  const limits = req.server.careplanRateLimits;
  if (!limits?.publicPerMinute || counted.has(req)) return;
  counted.add(req);
  counterKeys.set(req, `address:${normalizeIP(req.ip)}`);
  await enforce(limits.limit, req);
}

async function enforce(limiter: Limiter, req: FastifyRequest): Promise<void> {
  const result = await limiter(req);
  if (!result.isAllowed && result.isExceeded) throw rateLimited(Math.max(1, result.ttlInSeconds));
}

function hasCredentials(req: FastifyRequest): boolean {
  if (req.headers['x-api-key'] !== undefined || req.headers.authorization !== undefined) return true;
  const cookie = req.server.careplanRateLimits?.credentialCookie;
  return cookie !== null && cookie !== undefined && cookie.test(req.headers.cookie ?? '');
}

/** The cookie's name at the start of the Cookie header or after a `;` (read before any cookie parser runs). */
function cookiePattern(name: string): RegExp {
  return new RegExp(`(?:^|;)\\s*${name.replace(/[^\w-]/g, '\\$&')}=`);
}

/**
 * A client that never queues commands while Redis is away: the limit fails open instead of waiting. The
 * start waits a moment for the connection, never fails for it.
 */
async function connectRedis(url: string): Promise<Redis> {
  const logger = new Logger('RateLimit');
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    // A Redis that hangs (accepts, never answers) costs a request at most this long, then it passes.
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    // Closing never waits long for a server that is not there.
    disconnectTimeout: 200,
  });
  let warned = false;
  redis.on('error', (err: Error) => {
    if (!warned) logger.warn(`rate limit counters unavailable, requests pass uncounted: ${err.message}`);
    warned = true;
  });
  redis.on('ready', () => (warned = false));
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, REDIS_START_WAIT_MS);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return redis;
}
