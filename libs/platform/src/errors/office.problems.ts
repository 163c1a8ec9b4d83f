import { HttpStatus } from '@nestjs/common';
import { AppException } from './app.exception';

/**
 * Problems about offices and their keys that both the gateway (vendor API) and the archive (operations
 * API) answer: one code, one wording, wherever it is raised.
 */
export const OfficeProblems = {
  inactive: (officeNumber: string) =>
    new AppException(
      'OFFICE_INACTIVE',
      HttpStatus.CONFLICT,
      {
        ja: `事業所「${officeNumber}」は廃止（無効化）されています。`,
        en: `Office ${officeNumber} has been deactivated.`,
      },
      { officeNumber },
    ),
  keyNotFound: (keyId?: string) =>
    new AppException(
      'API_KEY_NOT_FOUND',
      HttpStatus.NOT_FOUND,
      { ja: 'APIキーが見つかりません。', en: 'No such API key.' },
      keyId ? { keyId } : {},
    ),
};
