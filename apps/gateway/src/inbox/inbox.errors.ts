import { Problems } from '@careplan/contracts';
import { problem } from '@careplan/platform';

export const InboxErrors = {
  notFound: () => problem(Problems.DELIVERY_NOT_FOUND),
  fileNotFound: () => problem(Problems.FILE_NOT_FOUND),
  notStandardCsv: (file: string) => problem(Problems.FILE_NOT_STANDARD_CSV, { file }, { file }),
  recordsUnreadable: (file: string, reason: string) =>
    problem(Problems.RECORDS_UNREADABLE, { file, reason }, { file, reason }),
};
