import { AppException } from '@careplan/platform';
import { readTokenRequest } from './token-request';

const KEY = 'cpx_AbCdEfGhIjKlMnOpQrStUvWxYz012345';
const ID = '6f1c3a52-3d1e-4c55-9a0e-2b0c6f1f9d11';
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
const refusal = (body: unknown, headers: Record<string, string | string[]> = {}) => {
  try {
    readTokenRequest(body, headers);
    return 'read';
  } catch (e) {
    return e instanceof AppException ? `${e.code} ${String(e.extra.error)}` : String(e);
  }
};

describe('readTokenRequest: a client-credentials request (RFC 6749 4.4, 2.3.1)', () => {
  const grant = { grant_type: 'client_credentials' };

  it('takes the key as client_secret, as HTTP Basic password, or in X-API-Key', () => {
    expect(readTokenRequest({ ...grant, client_secret: KEY }, {})).toEqual({
      grant: 'client_credentials',
      secret: KEY,
      clientId: undefined,
      basic: false,
      scope: undefined,
    });
    expect(readTokenRequest(grant, { authorization: basic(ID, KEY) })).toEqual({
      grant: 'client_credentials',
      secret: KEY,
      clientId: ID,
      basic: true,
      scope: undefined,
    });
    expect(readTokenRequest(grant, { authorization: basic('', KEY) })).toMatchObject({ clientId: undefined });
    expect(readTokenRequest({ ...grant, scope: 'member' }, { 'x-api-key': KEY })).toMatchObject({
      secret: KEY,
      scope: 'member',
    });
  });

  it('reads a refresh_token grant, which needs its token', () => {
    expect(readTokenRequest({ grant_type: 'refresh_token', refresh_token: 'cpr_x' }, {})).toEqual({
      grant: 'refresh_token',
      refreshToken: 'cpr_x',
    });
    expect(refusal({ grant_type: 'refresh_token' })).toBe('TOKEN_REQUEST_INVALID invalid_request');
  });

  it('reads a request without a key, for the key check to refuse (API_KEY_MISSING)', () => {
    const secretOf = (body: unknown, headers = {}) => {
      const read = readTokenRequest(body, headers);
      return read.grant === 'client_credentials' ? read.secret : 'not client credentials';
    };
    expect(secretOf(grant)).toBeUndefined();
    expect(secretOf({ ...grant, client_secret: '' })).toBeUndefined();
    // A bearer token is no client authentication.
    expect(secretOf(grant, { authorization: 'Bearer abc' })).toBeUndefined();
  });

  it('refuses a missing or another grant type, with the OAuth error', () => {
    expect(refusal({ client_secret: KEY })).toBe('TOKEN_REQUEST_INVALID invalid_request');
    expect(refusal(undefined)).toBe('TOKEN_REQUEST_INVALID invalid_request');
    expect(refusal({ grant_type: 'password', client_secret: KEY })).toBe(
      'TOKEN_GRANT_UNSUPPORTED unsupported_grant_type',
    );
  });

  it('refuses two ways of giving the key, a repeated or non-string parameter, a mismatched client_id', () => {
    expect(refusal({ ...grant, client_secret: KEY }, { 'x-api-key': KEY })).toBe(
      'TOKEN_REQUEST_INVALID invalid_request',
    );
    expect(refusal({ ...grant, client_secret: KEY }, { authorization: basic(ID, KEY) })).toBe(
      'TOKEN_REQUEST_INVALID invalid_request',
    );
    expect(refusal({ grant_type: ['client_credentials', 'client_credentials'] })).toBe(
      'TOKEN_REQUEST_INVALID invalid_request',
    );
    expect(refusal({ ...grant, client_secret: 42 })).toBe('TOKEN_REQUEST_INVALID invalid_request');
    expect(refusal([grant])).toBe('TOKEN_REQUEST_INVALID invalid_request');
    expect(refusal({ ...grant, client_id: 'other' }, { authorization: basic(ID, KEY) })).toBe(
      'TOKEN_REQUEST_INVALID invalid_request',
    );
    expect(refusal(grant, { authorization: `Basic ${Buffer.from('no-colon').toString('base64')}` })).toBe(
      'TOKEN_REQUEST_INVALID invalid_request',
    );
  });

  it('takes one role as scope and refuses anything else', () => {
    expect(readTokenRequest({ ...grant, scope: 'admin' }, {})).toMatchObject({ scope: 'admin' });
    for (const scope of ['admin member', 'read', 'ADMIN'])
      expect(refusal({ ...grant, client_secret: KEY, scope })).toBe('TOKEN_SCOPE_INVALID invalid_scope');
  });
});
