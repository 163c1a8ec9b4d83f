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
  /** Each service's internal listener (INTERNAL_PORT): the only place /internal routes answer. */
  internalUrls: { gateway: string; validator: string; router: string; archive: string };
  pids: number[];
}

const STATE_ENV = 'CAREPLAN_E2E_STATE_FILE';

/**
 * One state file per Jest run, named by global setup in the environment its workers inherit, so that
 * concurrent runs on one machine never read or tear down each other's services.
 */
export function stateFile(): string {
  const file = process.env[STATE_ENV];
  if (file) return file;
  process.env[STATE_ENV] = join(__dirname, '..', '..', '..', 'tmp', `e2e-state-${process.pid}.json`);
  return process.env[STATE_ENV];
}

export function readState(): E2eState {
  return JSON.parse(readFileSync(stateFile(), 'utf8')) as E2eState;
}
