import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What global setup started, handed to the test files (Jest globals don't reach workers). */
export interface E2eState {
  databaseUrl: string;
  topicPrefix: string;
  groupPrefix: string;
  kafkaBrokers: string;
  redisUrl: string;
  urls: { gateway: string; validator: string; router: string; archive: string };
  pids: number[];
}

export const STATE_FILE = join(__dirname, '..', '..', '..', 'tmp', 'e2e-state.json');

export function readState(): E2eState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eState;
}
