/**
 * Tells an infrastructure failure (a database, Redis, Kafka or internal service that cannot be reached right
 * now) from a failure of the work itself. The first is worth retrying until the dependency is back and is
 * answered 503 over HTTP; the second is not. One classifier for consumers, HTTP filters and clients.
 */

/** Node's socket-level error codes that mean "the other side is not there right now". */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/**
 * PostgreSQL SQLSTATEs worth a retry: connection exceptions (08), insufficient resources (53), operator
 * intervention such as a shutdown or a server still starting (57P0x), and concurrency conflicts that a new
 * transaction resolves (40001 serialization failure, 40P01 deadlock).
 */
function isTransientSqlState(state: string): boolean {
  return (
    state.startsWith('08') ||
    state.startsWith('53') ||
    state === '57P01' ||
    state === '57P02' ||
    state === '57P03' ||
    state === '40001' ||
    state === '40P01'
  );
}

/** Messages of the pg pool, ioredis and TypeORM when a connection is lost or cannot be had. */
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection is closed/i,
  /reached the max retries per request limit/i,
  /stream isn't writeable/i,
  /cannot use a pool after calling end/i,
  /client has encountered a connection error/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection/i,
];

/** Names of kafkajs errors that mean the broker or cluster is unreachable or not ready. */
const TRANSIENT_KAFKA = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSNumberOfRetriesExceeded',
  'KafkaJSMetadataNotLoaded',
  'KafkaJSTopicMetadataNotLoaded',
]);

const MAX_DEPTH = 5;

/** True when `e` (or an error it wraps, up to a few levels) is an infrastructure failure worth retrying. */
export function isTransientError(e: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH || typeof e !== 'object' || e === null) return false;
  const err = e as {
    code?: unknown;
    name?: unknown;
    message?: unknown;
    retriable?: unknown;
    cause?: unknown;
    driverError?: unknown;
    errors?: unknown;
    originalError?: unknown;
  };
  if (typeof err.code === 'string') {
    if (NETWORK_CODES.has(err.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(err.code) && isTransientSqlState(err.code)) return true;
  }
  if (typeof err.name === 'string' && TRANSIENT_KAFKA.has(err.name)) return true;
  if (typeof err.name === 'string' && err.name.startsWith('KafkaJS') && err.retriable === true) return true;
  if (typeof err.message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(err.message as string)))
    return true;
  // AggregateError (e.g. a connect to both ::1 and 127.0.0.1 refused), wrapped causes and driver errors.
  if (Array.isArray(err.errors) && err.errors.some((x) => isTransientError(x, depth + 1))) return true;
  return [err.cause, err.driverError, err.originalError].some((x) => isTransientError(x, depth + 1));
}
