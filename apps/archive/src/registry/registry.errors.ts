import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

export const RegistryErrors = {
  notFound: (officeNumber: string) => problem(Problems.OFFICE_NOT_FOUND, { officeNumber }, { officeNumber }),
  exists: (officeNumber: string) => problem(Problems.OFFICE_EXISTS, { officeNumber }, { officeNumber }),
  checkDigit: (officeNumber: string) =>
    problem(Problems.OFFICE_NUMBER_CHECK_DIGIT, { officeNumber }, { officeNumber }),
  inactive: (officeNumber: string) => problem(Problems.OFFICE_INACTIVE, { officeNumber }, { officeNumber }),
  keyNotFound: (keyId?: string) => problem(Problems.API_KEY_NOT_FOUND, {}, keyId ? { keyId } : {}),
};
