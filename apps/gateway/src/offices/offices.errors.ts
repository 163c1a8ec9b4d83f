import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

export const OfficeErrors = {
  keyMissing: () => problem(Problems.API_KEY_MISSING),
  keyInvalid: () => problem(Problems.API_KEY_INVALID),
  keyRevoked: () => problem(Problems.API_KEY_REVOKED),
  // A key issued by an operator before the office's registry events reached the gateway: it works once they have.
  officeNotRegistered: () => problem(Problems.OFFICE_NOT_REGISTERED),
  keyNotFound: (keyId?: string) => problem(Problems.API_KEY_NOT_FOUND, {}, keyId ? { keyId } : {}),
  keyLimit: (limit: number) => problem(Problems.API_KEY_LIMIT_REACHED, { limit }, { limit }),
  officeInactive: (officeNumber: string) =>
    problem(Problems.OFFICE_INACTIVE, { officeNumber }, { officeNumber }),
  lastAdminKey: (keyId: string) => problem(Problems.API_KEY_LAST_ADMIN, {}, { keyId }),
  roleForbidden: (role: string) => problem(Problems.KEY_ROLE_FORBIDDEN, { role }, { requiredRole: role }),
  officeNumberInvalid: (value: string) => problem(Problems.OFFICE_NUMBER_INVALID, { value }, { value }),
};
