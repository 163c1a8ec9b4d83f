// Where the integration tests find the real services: the variables npm test sets, with local defaults.
// The one place tests read the environment.

/** A database URL on the test PostgreSQL server (its path is replaced per test file). */
export function testServerUrl(): string {
  return process.env.E2E_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function redisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export function kafkaBrokers(): string[] {
  const brokers = process.env.KAFKA_BROKERS;
  if (!brokers)
    throw new Error('KAFKA_BROKERS is not set: run the tests with `npm test`, which starts Kafka.');
  return brokers.split(',');
}
