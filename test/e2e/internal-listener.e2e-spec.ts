import { DEFAULT_INTERNAL_TOKEN } from '@careplan/platform';
import { readState } from './support/state';

const get = (url: string) => fetch(url, { headers: { 'x-internal-token': DEFAULT_INTERNAL_TOKEN } });

/** The services' internal API answers only on each service's internal listener, never on its public port. */
describe('internal routes on their own listener', () => {
  const routes = [
    ['router', '/internal/v1/dead-letters?prefecture=13'],
    ['archive', '/internal/v1/receipts/public-key'],
    ['archive', '/internal/v1/directory/offices'],
    // The gateway owns API keys: the archive's operations API lists, issues and revokes them here.
    ['gateway', '/internal/v1/offices/1371201367/keys'],
  ] as const;

  it.each(routes)('%s %s: 404 on the public port, served on the internal one', async (app, path) => {
    const { urls, internalUrls } = readState();
    const hidden = await get(`${urls[app]}${path}`);
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await get(`${internalUrls[app]}${path}`)).status).toBe(200);
  });

  it('serves nothing public on the internal port, and the gateway still reads the archive through it', async () => {
    const { urls, internalUrls } = readState();
    expect((await fetch(`${internalUrls.gateway}/v1/receipts/public-key`)).status).toBe(404);
    expect((await fetch(`${internalUrls.archive}/ops/v1/me`)).status).toBe(404);
    // The gateway's public endpoint is answered from the archive's internal listener (ARCHIVE_URL).
    const key = await fetch(`${urls.gateway}/v1/receipts/public-key`);
    expect(key.status).toBe(200);
    expect(await key.json()).toMatchObject({ algorithm: 'Ed25519' });
  });
});
