import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

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

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';

  @Transform(({ value }) => Number(value)) @IsInt() @Min(1) @Max(65535) PORT!: number;

  @IsString() HOST = '0.0.0.0';
}

/**
 * Reads and validates the environment once at start-up. A wrong variable stops the process with
 * a message naming it, instead of failing later somewhere else.
 */
export function loadEnv<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defaults = new cls() as Record<string, unknown>;
  const raw: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(env)) if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  const config = plainToInstance(cls, raw, { enableImplicitConversion: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return config;
}
