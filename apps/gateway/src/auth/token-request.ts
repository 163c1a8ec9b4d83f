import { KEY_ROLES, Problems, type KeyRole } from '@careplan/contracts';
import { problem } from '@careplan/platform';
import { AuthErrors } from './auth.errors';

/** A client-credentials request, read: the key, and what it asks for. */
export interface ClientCredentialsRequest {
  grant: 'client_credentials';
  /** The API key; undefined when the request carries none (401 API_KEY_MISSING). */
  secret: string | undefined;
  clientId: string | undefined;
  /** How the key came: HTTP Basic answers its refusal with WWW-Authenticate: Basic (RFC 6749 5.2). */
  basic: boolean;
  scope: KeyRole | undefined;
}

/** A staff session's next access token (RFC 6749 6): the refresh token is the credential, and it rotates. */
export interface RefreshTokenRequest {
  grant: 'refresh_token';
  refreshToken: string;
}

export type TokenRequest = ClientCredentialsRequest | RefreshTokenRequest;

type Headers = Record<string, string | string[] | undefined>;

/**
 * Reads POST /v1/auth/token (RFC 6749 4.4.2, 6) from its form or JSON body and headers. Parameters without a value
 * count as omitted, a repeated one is refused (3.1), and the client uses one authentication method (2.3): HTTP
 * Basic, client_secret in the body, or the vendor API's X-API-Key.
 */
export function readTokenRequest(body: unknown, headers: Headers): TokenRequest {
  const params = parametersOf(body);
  const grantType = params.grant_type;
  if (grantType === undefined) throw AuthErrors.requestInvalid('grant_type is missing');
  if (grantType === 'refresh_token') {
    if (params.refresh_token === undefined) throw AuthErrors.requestInvalid('refresh_token is missing');
    return { grant: 'refresh_token', refreshToken: params.refresh_token };
  }
  if (grantType !== 'client_credentials') throw AuthErrors.grantUnsupported(grantType);

  const basic = basicCredentialsOf(headers.authorization);
  const header = headers['x-api-key'];
  if (Array.isArray(header)) throw AuthErrors.requestInvalid('X-API-Key is given more than once');
  const methods = [basic, params.client_secret, header].filter((m) => m !== undefined);
  if (methods.length > 1) throw AuthErrors.requestInvalid('the key is given in more than one way');
  if (basic && params.client_id !== undefined && params.client_id !== basic.id)
    throw AuthErrors.requestInvalid('client_id differs from the HTTP Basic user name');

  return {
    grant: 'client_credentials',
    secret: basic?.secret ?? params.client_secret ?? header,
    clientId: basic ? basic.id || undefined : params.client_id,
    basic: basic !== undefined,
    scope: scopeOf(params.scope),
  };
}

function parametersOf(body: unknown): Record<string, string | undefined> {
  if (body === undefined || body === null) return {};
  // Fastify reads text/plain as a string: a token request is a form or JSON.
  if (typeof body === 'string') throw problem(Problems.UNSUPPORTED_MEDIA_TYPE);
  if (typeof body !== 'object' || Array.isArray(body))
    throw AuthErrors.requestInvalid('the body is not a set of parameters');
  const params: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (Array.isArray(value)) throw AuthErrors.requestInvalid(`${name} is given more than once`);
    if (value === '' || value === null || value === undefined) continue;
    if (typeof value !== 'string') throw AuthErrors.requestInvalid(`${name} is not a string`);
    params[name] = value;
  }
  return params;
}

/** RFC 6749 2.3.1: `Basic base64(urlencode(client_id) ":" urlencode(secret))`. */
function basicCredentialsOf(
  authorization: string | string[] | undefined,
): { id: string; secret: string } | undefined {
  if (typeof authorization !== 'string') return undefined;
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(authorization);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw AuthErrors.requestInvalid('the HTTP Basic credentials have no colon');
  try {
    const unescape = (s: string) => decodeURIComponent(s.replace(/\+/g, ' '));
    return { id: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
  } catch {
    throw AuthErrors.requestInvalid('the HTTP Basic credentials are not URL-encoded');
  }
}

/** One role, space-delimited scope (RFC 6749 3.3) of exactly one value. */
function scopeOf(scope: string | undefined): KeyRole | undefined {
  if (scope === undefined) return undefined;
  const role = scope.trim();
  if (!KEY_ROLES.includes(role as KeyRole)) throw AuthErrors.scopeInvalid(scope, KEY_ROLES.join(' or '));
  return role as KeyRole;
}
