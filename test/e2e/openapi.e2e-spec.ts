import { checkedInOpenApi } from '@careplan/testing';
import { readState } from './support/state';

/** What the running services serve is the checked-in contract, whatever their configuration. */
describe('served OpenAPI documents', () => {
  it.each([
    ['gateway', '/openapi.json', 'gateway'],
    ['archive', '/ops/openapi.json', 'ops'],
  ] as const)('%s %s is openapi/%s.json', async (app, path, name) => {
    const res = await fetch(`${readState().urls[app]}${path}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(checkedInOpenApi(name));
  });
});
