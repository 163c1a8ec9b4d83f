import { plainToInstance } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { SecretKeyring } from '../crypto/secret-keyring';

export const DEFAULT_KAFKA_PARTITIONS = 3;

/** Variables every service reads; each app extends this with its own. Defaults suit a local machine. */
export class CommonEnv {
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/careplan';

  @Matches(/^[^,\s]+(,[^,\s]+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port…]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  // Namespaces topics and consumer groups, so that test runs and environments sharing a cluster stay apart.
  @IsOptional() @Matches(/^[A-Za-z0-9._-]*$/) KAFKA_TOPIC_PREFIX = '';
  @Matches(/^[A-Za-z0-9._-]+$/) KAFKA_GROUP_PREFIX = 'careplan';

  /**
   * Partitions of every topic: how many consumer instances of a service can share its work. The migrate step
   * creates topics with it and grows existing ones to it (never shrinks); a service creates only missing ones.
   */
  @IsInt() @Min(1) @Max(1000) KAFKA_PARTITIONS = DEFAULT_KAFKA_PARTITIONS;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';

  /** Each app sets its own default port. */
  @IsInt() @Min(1) @Max(65535) PORT = 0;

  @IsString() HOST = '0.0.0.0';

  /** Port of the internal routes (/internal/…), never served on PORT. Each app sets its own default. */
  @IsInt() @Min(1) @Max(65535) INTERNAL_PORT = 0;

  /** Where the internal listener binds: loopback unless the other services reach it over a network. */
  @IsString() INTERNAL_HOST = '127.0.0.1';

  /** `production` (the Dockerfile sets it) turns on productionChecks: a service then refuses public defaults. */
  @IsString() NODE_ENV = 'development';

  /** Requests a minute per office (vendor API) or operator (operations API); 0 turns the limit off. */
  @IsInt() @Min(0) RATE_LIMIT_PER_MINUTE = 6000;
  /** Requests a minute per client address that did not authenticate (public routes, bad keys); 0 = off. */
  @IsInt() @Min(0) RATE_LIMIT_PUBLIC_PER_MINUTE = 600;
  /** Where the counters live: `redis` (REDIS_URL, shared by every instance) or `memory` (this process). */
  @IsIn(['redis', 'memory']) RATE_LIMIT_STORE = 'redis';
  /** Prefix of the counters' Redis keys, so that environments and test runs sharing Redis stay apart. */
  @Matches(/^[A-Za-z0-9._:-]+$/) RATE_LIMIT_PREFIX = 'careplan:rate-limit:';
  /** Reverse proxies in front of the service whose X-Forwarded-For names the client (0: none, the peer is). */
  @IsInt() @Min(0) @Max(10) TRUST_PROXY_HOPS = 0;

  /** Shared secret of the services' internal routes (x-internal-token). Required in production. */
  @IsString() @MinLength(16) INTERNAL_TOKEN = DEFAULT_INTERNAL_TOKEN;

  /**
   * What must not run in production: `errors` stop the start, `warnings` are reported. Apps add their own
   * (override and extend `super.productionChecks()`).
   */
  productionChecks(): ProductionChecks {
    const errors: string[] = [];
    if (PUBLISHED_INTERNAL_TOKENS.includes(this.INTERNAL_TOKEN))
      errors.push(
        `INTERNAL_TOKEN is the public default "${this.INTERNAL_TOKEN}": set a secret of at least 16 characters, the same for every service`,
      );
    return { errors, warnings: [] };
  }
}

/** The code default of INTERNAL_TOKEN: published in this repository, so refused when NODE_ENV=production. */
export const DEFAULT_INTERNAL_TOKEN = 'local-internal-token-change-me';

/** Tokens published in this repository (the code default, docker-compose's former default): never a secret. */
const PUBLISHED_INTERNAL_TOKENS = [DEFAULT_INTERNAL_TOKEN, 'compose-internal-token-change-me'];

/**
 * The code default of WEBHOOK_SECRET_KEY (gateway and router): published in this repository, so refused when
 * NODE_ENV=production like DEFAULT_INTERNAL_TOKEN.
 */
export const DEFAULT_WEBHOOK_SECRET_KEY = '0e7ca41a6b1662a057898d487477d529cb9e69ffb49c9e7e0af4d10b265a2055';

/** The production refusal of a key ring (SecretKeyring) that holds a published default key, or null. */
export function publicKeyProblem(name: string, spec: string, publicDefault: string): string | null {
  const published = SecretKeyring.parse(publicDefault).currentKeyId;
  return SecretKeyring.parse(spec).keyIds.includes(published)
    ? `${name} holds the public default key: set a key of your own (openssl rand -base64 32), the same in the gateway and the router`
    : null;
}

export interface ProductionChecks {
  errors: string[];
  warnings: string[];
}

/**
 * Reads and validates the environment once at start-up. A wrong variable stops the process with
 * a message naming it, instead of failing later somewhere else.
 */
export function loadEnv<T extends object>(
  cls: new () => T,
  env: NodeJS.ProcessEnv = process.env,
  warn: (message: string) => void = (message) => process.emitWarning(message, 'ConfigWarning'),
): T {
  const defaults = new cls() as Record<string, unknown>;
  const raw: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = coerce(value, defaults[key]);
  }
  const config = plainToInstance(cls, raw);
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (config instanceof CommonEnv && config.NODE_ENV === 'production') {
    const { errors: refused, warnings } = config.productionChecks();
    for (const w of warnings) warn(`NODE_ENV=production: ${w}`);
    if (refused.length > 0)
      throw new Error(
        `Refusing to start with NODE_ENV=production:\n${refused.map((line) => `  ${line}`).join('\n')}`,
      );
  }
  return config;
}

/** Environment values are strings; a variable takes the type of its default (a wrong one fails validation). */
function coerce(value: string, fallback: unknown): unknown {
  if (typeof fallback === 'number') return value.trim() === '' ? NaN : Number(value);
  if (typeof fallback === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}
