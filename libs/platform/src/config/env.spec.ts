import { IsInt, Min } from 'class-validator';
import { CommonEnv, loadEnv } from './env';

class SampleEnv extends CommonEnv {
  override PORT = 3999;
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
