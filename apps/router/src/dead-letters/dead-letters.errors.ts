import { HttpStatus } from '@nestjs/common';
import { AppException } from '@careplan/platform';

export const DeadLetterErrors = {
  replaySelectionInvalid: () =>
    new AppException('REPLAY_SELECTION_INVALID', HttpStatus.UNPROCESSABLE_ENTITY, {
      ja: '再送する対象は ids か all: true のどちらか一方で指定してください。',
      en: 'Choose what to replay with either ids or all: true, not both and not neither.',
    }),
};
