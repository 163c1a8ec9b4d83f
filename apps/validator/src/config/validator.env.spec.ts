import { loadEnv } from '@careplan/platform';
import { ValidatorEnv } from './validator.env';

describe('ValidatorEnv', () => {
  it('listens on 3001 and its internal routes on 3101 by default, the ports compose and k8s expose', () => {
    const env = loadEnv(ValidatorEnv, {});
    expect([env.PORT, env.INTERNAL_PORT]).toEqual([3001, 3101]);
  });

  it('takes its ports from the environment, and refuses one out of range', () => {
    const env = loadEnv(ValidatorEnv, { PORT: '4001', INTERNAL_PORT: '4101' });
    expect([env.PORT, env.INTERNAL_PORT]).toEqual([4001, 4101]);
    expect(() => loadEnv(ValidatorEnv, { PORT: '70000' })).toThrow(/PORT/);
  });

  it('refuses to start in production on the default INTERNAL_TOKEN', () => {
    expect(() => loadEnv(ValidatorEnv, { NODE_ENV: 'production' }, jest.fn())).toThrow(/INTERNAL_TOKEN/);
    const token = 'a-real-secret-of-32-characters!!';
    const env = loadEnv(ValidatorEnv, { NODE_ENV: 'production', INTERNAL_TOKEN: token }, jest.fn());
    expect(env.INTERNAL_TOKEN).toBe(token);
  });
});
