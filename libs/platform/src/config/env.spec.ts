import { IsInt, Min } from 'class-validator';
import { rateLimitSettings } from '../http/rate-limit';
import { CommonEnv, DEFAULT_INTERNAL_TOKEN, loadEnv } from './env';

class SampleEnv extends CommonEnv {
  override PORT = 3999;
  override INTERNAL_PORT = 3998;
  @IsInt() @Min(1) LIMIT = 5;
}

describe('loadEnv', () => {
  it('uses the local defaults when nothing is set', () => {
    const env = loadEnv(SampleEnv, {});
    expect(env.KAFKA_BROKERS).toBe('127.0.0.1:9092');
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/careplan');
    expect(env.PORT).toBe(3999);
    expect(env.LIMIT).toBe(5);
  });

  it('converts numbers and takes values from the environment', () => {
    const env = loadEnv(SampleEnv, { PORT: '4100', LIMIT: '7', KAFKA_BROKERS: 'a:1,b:2' });
    expect(env.PORT).toBe(4100);
    expect(env.LIMIT).toBe(7);
    expect(env.KAFKA_BROKERS).toBe('a:1,b:2');
  });

  it('names every wrong variable in one error', () => {
    expect(() => loadEnv(SampleEnv, { DATABASE_URL: 'mysql://x', LIMIT: '0', PORT: 'abc' })).toThrow(
      /DATABASE_URL[\s\S]*LIMIT|LIMIT[\s\S]*DATABASE_URL/,
    );
    expect(() => loadEnv(SampleEnv, { PORT: '70000' })).toThrow(/PORT/);
  });
});

describe('rate limit settings', () => {
  it('default to generous limits in Redis, take 0 as off and refuse anything else', () => {
    const env = loadEnv(SampleEnv, {});
    expect(rateLimitSettings(env, 'gateway')).toEqual({
      perMinute: 6000,
      publicPerMinute: 600,
      redisUrl: 'redis://127.0.0.1:6379',
      keyPrefix: 'careplan:rate-limit:gateway:',
    });
    const off = loadEnv(SampleEnv, { RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_STORE: 'memory' });
    expect(rateLimitSettings(off, 'archive')).toMatchObject({ perMinute: 0, redisUrl: null });
    expect(() => loadEnv(SampleEnv, { RATE_LIMIT_PUBLIC_PER_MINUTE: '-1' })).toThrow(
      /RATE_LIMIT_PUBLIC_PER_MINUTE/,
    );
    expect(() => loadEnv(SampleEnv, { RATE_LIMIT_STORE: 'memcached' })).toThrow(/RATE_LIMIT_STORE/);
  });
});

describe('loadEnv with NODE_ENV=production', () => {
  const secret = 'a-real-secret-of-32-characters!!';

  it('refuses to start with the public default INTERNAL_TOKEN, saying which variable and why', () => {
    expect(() => loadEnv(SampleEnv, { NODE_ENV: 'production' })).toThrow(
      /Refusing to start with NODE_ENV=production:\n {2}INTERNAL_TOKEN is the public default/,
    );
    expect(() =>
      loadEnv(SampleEnv, { NODE_ENV: 'production', INTERNAL_TOKEN: DEFAULT_INTERNAL_TOKEN }),
    ).toThrow(/INTERNAL_TOKEN/);
  });

  it("refuses docker-compose's former public default token too", () => {
    expect(() =>
      loadEnv(SampleEnv, { NODE_ENV: 'production', INTERNAL_TOKEN: 'compose-internal-token-change-me' }),
    ).toThrow(/INTERNAL_TOKEN is the public default "compose-internal-token-change-me"/);
  });

  it('starts with a token of its own, and anywhere outside production', () => {
    expect(loadEnv(SampleEnv, { NODE_ENV: 'production', INTERNAL_TOKEN: secret }).INTERNAL_TOKEN).toBe(
      secret,
    );
    expect(loadEnv(SampleEnv, {}).INTERNAL_TOKEN).toBe(DEFAULT_INTERNAL_TOKEN);
    expect(loadEnv(SampleEnv, { NODE_ENV: 'test' }).NODE_ENV).toBe('test');
  });

  it("reports an app's production warnings without refusing to start", () => {
    class WarningEnv extends SampleEnv {
      override productionChecks() {
        const checks = super.productionChecks();
        checks.warnings.push('SIGNING_KEY is empty');
        return checks;
      }
    }
    const warn = jest.fn();
    loadEnv(WarningEnv, { NODE_ENV: 'production', INTERNAL_TOKEN: secret }, warn);
    expect(warn).toHaveBeenCalledWith('NODE_ENV=production: SIGNING_KEY is empty');
    warn.mockClear();
    loadEnv(WarningEnv, { INTERNAL_TOKEN: secret }, warn);
    expect(warn).not.toHaveBeenCalled();
  });
});
