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

/** An error as the drivers shape it: any of these members may be missing. */
interface ErrorShape {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  retriable?: unknown;
  cause?: unknown;
  driverError?: unknown;
  errors?: unknown;
  originalError?: unknown;
}

/** True when `test` holds for `e` or an error it wraps, up to a few levels. */
function someInChain(e: unknown, test: (err: ErrorShape) => boolean, depth = 0): boolean {
  if (depth > MAX_DEPTH || typeof e !== 'object' || e === null) return false;
  const err = e as ErrorShape;
  if (test(err)) return true;
  // AggregateError (e.g. a connect to both ::1 and 127.0.0.1 refused), wrapped causes and driver errors.
  if (Array.isArray(err.errors) && err.errors.some((x) => someInChain(x, test, depth + 1))) return true;
  return [err.cause, err.driverError, err.originalError].some((x) => someInChain(x, test, depth + 1));
}

function isTransientItself(err: ErrorShape): boolean {
  if (typeof err.code === 'string') {
    if (NETWORK_CODES.has(err.code)) return true;
    if (/^[0-9A-Z]{5}$/.test(err.code) && isTransientSqlState(err.code)) return true;
  }
  if (typeof err.name === 'string' && TRANSIENT_KAFKA.has(err.name)) return true;
  if (typeof err.name === 'string' && err.name.startsWith('KafkaJS') && err.retriable === true) return true;
  return typeof err.message === 'string' && TRANSIENT_MESSAGES.some((re) => re.test(err.message as string));
}

/** True when `e` (or an error it wraps, up to a few levels) is an infrastructure failure worth retrying. */
export function isTransientError(e: unknown): boolean {
  return someInChain(e, isTransientItself);
}

/** Socket codes of a connection that was never made: the request did not reach the other side. */
const UNREACHED_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * SQLSTATEs after which nothing of the statement's transaction stays: the connection was refused (08001,
 * 08004, 53300 too many connections, 57P03 cannot connect now) or the server rolled the transaction back
 * (40001 serialization failure, 40P01 deadlock).
 */
const NOT_APPLIED_SQLSTATES = new Set(['08001', '08004', '53300', '57P03', '40001', '40P01']);

const UNREACHED_MESSAGES = [
  /timeout exceeded when trying to connect/i,
  /cannot use a pool after calling end/i,
  /the database system is starting up/i,
];

function isNotAppliedItself(err: ErrorShape): boolean {
  if (typeof err.code === 'string' && (UNREACHED_CODES.has(err.code) || NOT_APPLIED_SQLSTATES.has(err.code)))
    return true;
  return typeof err.message === 'string' && UNREACHED_MESSAGES.some((re) => re.test(err.message as string));
}

/**
 * True for a transient failure that proves the work was not applied: the dependency could not be reached,
 * or it rolled the work back. Any other transient failure (a connection lost while a statement or its
 * COMMIT was in flight) leaves the outcome of a write unknown.
 */
export function isNotAppliedError(e: unknown): boolean {
  return isTransientError(e) && someInChain(e, isNotAppliedItself);
}
