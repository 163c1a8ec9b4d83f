import { execFile } from 'node:child_process';
import { join } from 'node:path';

// The short version of `npm run chaos`: two scenarios on a system of the suite's own (its broker, database and
// TCP proxies), a kill -9 of a consumer and a PostgreSQL outage, each under a load of retrying clients.
const ROOT = join(__dirname, '..', '..');

interface ChaosResult {
  scenario: string;
  accepted: number;
  deliveredOnce: number;
  duplicated: number;
  lost: number;
  stuck: number;
  rejected: number;
  historyIncomplete: number;
  receiptsWrong: number;
  webhookDuplicates: number;
  recoverySeconds: number | null;
}

function chaos(args: string[]): Promise<{ code: number; results: ChaosResult[]; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'dist', 'tools', 'chaos.js'), ...args],
      { env: process.env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const parsed = stdout ? (JSON.parse(stdout) as { results: ChaosResult[] }) : { results: [] };
        resolve({ code: error ? Number(error.code ?? 1) : 0, results: parsed.results, stderr });
      },
    );
  });
}

describe('chaos suite, short version', () => {
  it('loses, doubles and strands nothing through a consumer kill -9 and a 10 s PostgreSQL outage', async () => {
    const run = await chaos([
      '--scenarios',
      'kill-validator,cut-postgres',
      '--seconds',
      '12',
      '--rate',
      '4',
      '--outage',
      '10',
      '--settle',
      '90',
    ]);
    expect(run.results.map((r) => r.scenario)).toEqual(['kill-validator', 'cut-postgres']);
    for (const r of run.results) {
      expect(r.accepted).toBeGreaterThan(10);
      expect({ scenario: r.scenario, deliveredOnce: r.deliveredOnce }).toEqual({
        scenario: r.scenario,
        deliveredOnce: r.accepted,
      });
      expect(r).toMatchObject({
        duplicated: 0,
        lost: 0,
        stuck: 0,
        rejected: 0,
        historyIncomplete: 0,
        receiptsWrong: 0,
        webhookDuplicates: 0,
      });
      // Delivery resumed after the fault (how fast is the suite's figure, not a timed assertion).
      expect(r.recoverySeconds).not.toBeNull();
    }
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
  }, 240_000);
});
