import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

export const DeadLetterErrors = {
  replaySelectionInvalid: () => problem(Problems.REPLAY_SELECTION_INVALID),
};
