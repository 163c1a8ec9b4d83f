import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

/** The token endpoint's refusals carry RFC 6749's `error` beside the code, for OAuth 2.0 client libraries. */
export const AuthErrors = {
  tokenExpired: () => problem(Problems.ACCESS_TOKEN_EXPIRED, {}, { error: 'invalid_token' }),
  tokenInvalid: () => problem(Problems.ACCESS_TOKEN_INVALID, {}, { error: 'invalid_token' }),
  tokenRevoked: () => problem(Problems.ACCESS_TOKEN_REVOKED, {}, { error: 'invalid_token' }),
  requestInvalid: (reason: string) =>
    problem(Problems.TOKEN_REQUEST_INVALID, { reason }, { error: 'invalid_request' }),
  grantUnsupported: (grantType: string) =>
    problem(Problems.TOKEN_GRANT_UNSUPPORTED, { grantType }, { error: 'unsupported_grant_type' }),
  scopeInvalid: (scope: string, allowed: string) =>
    problem(Problems.TOKEN_SCOPE_INVALID, { scope, allowed }, { error: 'invalid_scope' }),
};
