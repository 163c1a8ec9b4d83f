// Shared shapes of the rules that look beyond one field: across the rows of a file, and across files.
import type { Layout } from '../columns';
import type { ParsedFileName } from '../file-name';
import type { IssueCollector } from '../issues/issue-collector';
import type { FileTypeId, FileTypeSpec } from '../spec-data';

/** What a file contributes to the cross-file rules, gathered during the single pass over its records. */
export interface FileFacts {
  readonly fileType: FileTypeId;
  readonly name: string;
  readonly parsedName: ParsedFileName | null;
  csvVersion: string | null;
  rows: number;
  /** Join keys (docs/standard/bundles.md#join-keys) by kind, e.g. 'user+month' → {"131016|0000012345|202505"}. */
  readonly keys: Map<string, Set<string>>;
  /** Totals that other files must agree with, by "<kind>|<key>". */
  readonly sums: Map<string, number>;
  /** UPKIHON No.62: image file names the bundle should carry. */
  readonly imageNames: Set<string>;
}

export interface FileRuleEnv {
  readonly spec: FileTypeSpec;
  readonly layout: Layout;
  readonly parsedName: ParsedFileName | null;
  readonly out: IssueCollector;
  readonly facts: FileFacts;
}

/** Rules fed with each record whose column count is right; finish() runs after the last record. */
export interface FileRules {
  onRecord(fields: readonly string[], row: number): void;
  finish(): void;
}

export function newFacts(fileType: FileTypeId, name: string, parsedName: ParsedFileName | null): FileFacts {
  return {
    fileType,
    name,
    parsedName,
    csvVersion: null,
    rows: 0,
    keys: new Map(),
    sums: new Map(),
    imageNames: new Set(),
  };
}

export function addKey(facts: FileFacts, kind: string, key: string): void {
  let set = facts.keys.get(kind);
  if (!set) {
    set = new Set();
    facts.keys.set(kind, set);
  }
  set.add(key);
}

export function addSum(facts: FileFacts, kind: string, key: string, amount: number): void {
  const k = `${kind}|${key}`;
  facts.sums.set(k, (facts.sums.get(k) ?? 0) + amount);
}
