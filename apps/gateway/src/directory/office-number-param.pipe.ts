import { Injectable, PipeTransform } from '@nestjs/common';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';
import { OfficeErrors } from '../offices/offices.errors';

/** Refuses a malformed office number before asking the archive. */
@Injectable()
export class OfficeNumberParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (OFFICE_NUMBER_PATTERN.test(value)) return value;
    throw OfficeErrors.officeNumberInvalid(value);
  }
}
