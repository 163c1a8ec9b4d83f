import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

export const LicenseErrors = {
  notFound: (officeNumber: string) => problem(Problems.LICENSE_NOT_FOUND, { officeNumber }, { officeNumber }),
  exists: (officeNumber: string) => problem(Problems.LICENSE_EXISTS, { officeNumber }, { officeNumber }),
  transition: (officeNumber: string, status: string, action: string) =>
    problem(Problems.LICENSE_STATE, { status, action }, { officeNumber, status, action }),
  dateInvalid: (value: string) => problem(Problems.DATE_INVALID, { value }, { value }),
};
