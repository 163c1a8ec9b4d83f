import { HttpStatus, Injectable, PipeTransform } from '@nestjs/common';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';
import { AppException } from '@careplan/platform';

/**
 * Refuses a malformed office number in a path (400) before any lookup, on the internal and operations
 * APIs alike. The gateway keeps its own pipe: it answers its vendors 422 with another wording.
 */
@Injectable()
export class OfficeNumberPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (OFFICE_NUMBER_PATTERN.test(value)) return value;
    throw new AppException(
      'OFFICE_NUMBER_INVALID',
      HttpStatus.BAD_REQUEST,
      {
        ja: `事業所番号「${value}」の形式が正しくありません。`,
        en: `"${value}" is not a valid office number.`,
      },
      { value },
    );
  }
}
