import { classifyStatus } from './webhook-sender';

describe('classifyStatus', () => {
  it.each([200, 201, 204, 299])('%i is success', (s) => expect(classifyStatus(s)).toBe('success'));
  it.each([400, 401, 403, 404, 410, 422])('%i is permanent', (s) =>
    expect(classifyStatus(s)).toBe('permanent'),
  );
  it.each([301, 302, 408, 429, 500, 502, 503, 504])('%i is retried', (s) =>
    expect(classifyStatus(s)).toBe('retry'),
  );
});
