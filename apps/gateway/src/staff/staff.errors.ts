import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

/** Refresh-token refusals carry RFC 6749's `invalid_grant` beside the code, as the token endpoint answers them. */
export const StaffErrors = {
  signInFailed: () => problem(Problems.SIGN_IN_FAILED),
  locked: (until: Date) =>
    problem(
      Problems.STAFF_SIGN_IN_LOCKED,
      { lockedUntil: until.toISOString() },
      { lockedUntil: until.toISOString() },
    ),
  suspended: () => problem(Problems.STAFF_SUSPENDED),
  notFound: (id: string) => problem(Problems.STAFF_NOT_FOUND, {}, { staffUserId: id }),
  loginIdTaken: (loginId: string) => problem(Problems.STAFF_LOGIN_ID_TAKEN, { loginId }, { loginId }),
  refreshInvalid: () => problem(Problems.REFRESH_TOKEN_INVALID, {}, { error: 'invalid_grant' }),
  refreshExpired: () => problem(Problems.REFRESH_TOKEN_EXPIRED, {}, { error: 'invalid_grant' }),
  refreshReused: () => problem(Problems.REFRESH_TOKEN_REUSED, {}, { error: 'invalid_grant' }),
  refreshRevoked: () => problem(Problems.REFRESH_TOKEN_REVOKED, {}, { error: 'invalid_grant' }),
};
