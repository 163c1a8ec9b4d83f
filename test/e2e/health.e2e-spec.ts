import { readState } from './support/state';

/** Each service's readiness lists the dependencies its modules registered, all up on a running system. */
describe('readiness of the running services', () => {
  const expected = {
    gateway: ['kafka', 'postgres'],
    validator: ['kafka', 'postgres'],
    router: ['kafka', 'postgres', 'redis'],
    archive: ['kafka', 'postgres'],
  } as const;

  it.each(Object.entries(expected))('%s checks %j', async (app, dependencies) => {
    const { urls } = readState();
    const res = await fetch(`${urls[app as keyof typeof expected]}/health/ready`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; details: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(Object.keys(body.details).sort()).toEqual([...dependencies]);
    for (const d of dependencies) expect(body.details[d].status).toBe('up');
  });
});
