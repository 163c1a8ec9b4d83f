import { isNotAppliedError, isTransientError } from './transient-error';

describe('isTransientError', () => {
  it('takes socket failures, wrapped or aggregated, as transient', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isTransientError(refused)).toBe(true);
    expect(isTransientError(new Error('fetch failed', { cause: refused }))).toBe(true);
    expect(isTransientError(new AggregateError([refused], 'both refused'))).toBe(true);
    expect(isTransientError({ driverError: refused, message: 'query failed' })).toBe(true);
  });

  it('takes pg connection, shutdown and concurrency states as transient, not data errors', () => {
    expect(
      isTransientError({ code: '57P01', message: 'terminating connection due to administrator command' }),
    ).toBe(true);
    expect(isTransientError({ code: '08006' })).toBe(true);
    expect(isTransientError({ code: '40P01' })).toBe(true);
    expect(
      isTransientError({ code: '23505', message: 'duplicate key value violates unique constraint' }),
    ).toBe(false);
    expect(isTransientError({ code: '22P05', message: 'unsupported Unicode escape sequence' })).toBe(false);
  });

  it('takes lost connections of pg, ioredis and kafkajs as transient', () => {
    expect(isTransientError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientError(new Error('Connection is closed.'))).toBe(true);
    expect(isTransientError(Object.assign(new Error('x'), { name: 'KafkaJSConnectionError' }))).toBe(true);
    expect(
      isTransientError(Object.assign(new Error('x'), { name: 'KafkaJSProtocolError', retriable: true })),
    ).toBe(true);
    expect(
      isTransientError(Object.assign(new Error('x'), { name: 'KafkaJSProtocolError', retriable: false })),
    ).toBe(false);
  });

  it('does not take programming errors or non-errors as transient', () => {
    expect(isTransientError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isTransientError('ECONNREFUSED')).toBe(false);
    expect(isTransientError(null)).toBe(false);
  });

  it('tells a dependency never reached, or a transaction rolled back, from a connection lost mid-way', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(isNotAppliedError(refused)).toBe(true);
    expect(isNotAppliedError({ driverError: { code: '40P01' } })).toBe(true);
    expect(isNotAppliedError(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(
      isNotAppliedError({ query: 'COMMIT', driverError: new Error('Connection terminated unexpectedly') }),
    ).toBe(false);
    expect(isNotAppliedError({ code: '57P01' })).toBe(false);
    expect(isNotAppliedError({ code: 'ECONNRESET' })).toBe(false);
    // Not transient at all: neither.
    expect(isNotAppliedError({ code: '23505' })).toBe(false);
  });
});
