import { isStandardCsvName, parseRecords, RecordsError, storableText } from '@careplan/spec';
import type { BundleFile } from '@careplan/spec';

/** files.json key of the 被保険者番号 column, the same in every file type that has one. */
const INSURED_NO_KEY = 'insuredNo';

/**
 * The distinct 被保険者番号 in the standard CSV files of a submission, sorted. Files that cannot be read as
 * records (a broken file of a rejected send) add none: the history records the send all the same.
 */
export function insuredNumbersIn(files: readonly BundleFile[]): string[] {
  const numbers = new Set<string>();
  for (const file of files) {
    if (!isStandardCsvName(file.name)) continue;
    try {
      for (const rec of parseRecords(file).records) {
        const value = rec[INSURED_NO_KEY]?.trim();
        // A search column in PostgreSQL: a NUL in a broken file must not make the send unrecordable.
        if (value) numbers.add(storableText(value));
      }
    } catch (e) {
      if (!(e instanceof RecordsError)) throw e;
    }
  }
  return [...numbers].sort();
}
