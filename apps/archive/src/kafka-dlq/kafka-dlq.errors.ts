import { HttpStatus } from '@nestjs/common';
import { AppException } from '@careplan/platform';

export const KafkaDlqErrors = {
  idInvalid: (id: string) =>
    new AppException(
      'DLQ_ID_INVALID',
      HttpStatus.BAD_REQUEST,
      {
        ja: `「${id}」はデッドレターのメッセージ（トピック:パーティション:オフセット）の指定ではありません。`,
        en: `${id} does not name a dead-letter message (topic:partition:offset).`,
      },
      { id },
    ),
  topicUnknown: (topic: string) =>
    new AppException(
      'DLQ_TOPIC_UNKNOWN',
      HttpStatus.BAD_REQUEST,
      {
        ja: `トピック「${topic}」はこのシステムのトピックではありません。`,
        en: `${topic} is not a topic of this system.`,
      },
      { topic },
    ),
  messageNotFound: (ids: string[]) =>
    new AppException(
      'DLQ_MESSAGE_NOT_FOUND',
      HttpStatus.NOT_FOUND,
      {
        ja: '指定されたデッドレターのメッセージが見つかりません。',
        en: 'No such dead-letter message.',
      },
      { ids },
    ),
  alreadyReplayed: (ids: string[]) =>
    new AppException(
      'DLQ_ALREADY_REPLAYED',
      HttpStatus.CONFLICT,
      {
        ja: 'このメッセージは再送済みです。もう一度再送するには force: true を指定してください。',
        en: 'Already replayed; give force: true to replay it again.',
      },
      { ids },
    ),
};
