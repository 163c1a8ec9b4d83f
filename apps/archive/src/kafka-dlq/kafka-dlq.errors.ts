import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

export const KafkaDlqErrors = {
  idInvalid: (id: string) => problem(Problems.DLQ_ID_INVALID, { id }, { id }),
  topicUnknown: (topic: string) => problem(Problems.DLQ_TOPIC_UNKNOWN, { topic }, { topic }),
  messageNotFound: (ids: string[]) => problem(Problems.DLQ_MESSAGE_NOT_FOUND, {}, { ids }),
  alreadyReplayed: (ids: string[]) => problem(Problems.DLQ_ALREADY_REPLAYED, {}, { ids }),
};
