// 被保険者番号 of a bundle, for the history's search column: distinct, capped, and read within bounds.
import type { Layout } from './columns';
import { storableText } from './encoding';
import { fileTypeByPrefix, isStandardCsvName } from './file-name';
import { eachRecord } from './records';
import type { BundleFile } from './types';

/** Distinct numbers kept per submission: a search key, not a copy of the data. */
export const MAX_INSURED_NUMBERS = 5000;
/** Longer values are no 被保険者番号 (10 characters) and are not kept. */
export const MAX_INSURED_NUMBER_LENGTH = 20;
/** Bytes of each file, and records of a bundle, read when the numbers must be taken from the files themselves. */
export const INSURED_NUMBERS_READ_BYTES = 2 * 1024 * 1024;
export const INSURED_NUMBERS_READ_RECORDS = 20_000;

export interface InsuredNumbers {
  /** Sorted, at most MAX_INSURED_NUMBERS. */
  insuredNumbers: string[];
  /** true when the bundle held more than were kept (or more than was read). */
  truncated: boolean;
}

/** Collects distinct 被保険者番号 up to MAX_INSURED_NUMBERS. */
export class InsuredNumberSet {
  private readonly values = new Set<string>();
  private truncated = false;

  add(raw: string | undefined): void {
    const v = raw?.trim();
    if (!v || v.length > MAX_INSURED_NUMBER_LENGTH) return;
    const value = storableText(v);
    if (this.values.has(value)) return;
    if (this.values.size >= MAX_INSURED_NUMBERS) this.truncated = true;
    else this.values.add(value);
  }

  /** Every value of the record's 被保険者番号 item, when the layout has one. */
  addFrom(layout: Layout, fields: readonly string[]): void {
    const i = layout.index['insuredNo'];
    if (i !== undefined) this.add(fields[i]);
  }

  markTruncated(): void {
    this.truncated = true;
  }

  result(): InsuredNumbers {
    return { insuredNumbers: [...this.values].sort(), truncated: this.truncated };
  }
}

/**
 * The 被保険者番号 in the standard CSV files, from the first INSURED_NUMBERS_READ_BYTES of each and at most
 * INSURED_NUMBERS_READ_RECORDS records in all, none kept: for when no validator result carries them.
 */
export function insuredNumbersIn(files: readonly BundleFile[]): InsuredNumbers {
  const numbers = new InsuredNumberSet();
  let budget = INSURED_NUMBERS_READ_RECORDS;
  for (const file of files) {
    const spec = fileTypeByPrefix(file.name);
    if (!isStandardCsvName(file.name) || !spec?.isCsv) continue;
    const bytes = headOf(file.bytes, INSURED_NUMBERS_READ_BYTES);
    if (bytes.length < file.bytes.length || budget === 0) numbers.markTruncated();
    if (budget === 0) continue;
    const { read, stopped } = eachRecord(spec, bytes, (layout, fields) => numbers.addFrom(layout, fields), {
      limit: budget,
    });
    budget -= read;
    if (stopped) numbers.markTruncated();
  }
  return numbers.result();
}

// Up to the last line end within max bytes: 0x0A is never part of an MS932 double-byte character.
function headOf(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.length <= max) return bytes;
  const end = bytes.subarray(0, max).lastIndexOf(0x0a);
  return bytes.subarray(0, end + 1);
}
