import { Injectable, PipeTransform } from '@nestjs/common';
import { problem } from '@careplan/platform';
import { OFFICE_NUMBER_PATTERN } from '../events';
import { Problems } from '../problems';

/**
 * Refuses a malformed office number in a path (OFFICE_NUMBER_INVALID) before any lookup: one pipe, one
 * answer, on the vendor, operations and internal APIs alike.
 */
@Injectable()
export class OfficeNumberPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (OFFICE_NUMBER_PATTERN.test(value)) return value;
    throw problem(Problems.OFFICE_NUMBER_INVALID, { value }, { value });
  }
}
