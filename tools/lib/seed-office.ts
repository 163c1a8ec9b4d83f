import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { OFFICE_NUMBER_PATTERN } from '@careplan/contracts';

export interface SeedOptions {
  kind?: string;
  /** False for `--campaign none`: the license is paid whatever the campaigns say. */
  campaigns?: boolean;
}

/** Where the seed talks to the running services, and the database the archive's command line opens. */
export interface SeedTarget {
  /** The archive's public listener: its operations API (/ops/v1). */
  opsUrl: string;
  gatewayUrl: string;
  /** Where the archive's command line makes the seed's operator, unless `token` is given. */
  databaseUrl: string;
  /** A central administrator's token of the operations API; without it one is made for this seeder. */
  token?: string;
  /** How long the gateway may take to learn the new key (and the license) from the registry's events. */
  timeoutMs?: number;
}

export interface SeededOffice {
  officeNumber: string;
  apiKey: string;
}

const CLI = join(__dirname, '..', '..', 'apps', 'archive', 'src', 'cli.js');

/**
 * Seeds offices through the owners' APIs of the running services: the archive registers the office and applies
 * its license (operations API), issues a key, and the gateway learns all three from the registry's events. A
 * seed returns once the gateway takes the key (and sees the license), so callers can use it at once.
 */
export class OfficeSeeder {
  private token: Promise<string> | undefined;

  constructor(private readonly target: SeedTarget) {
    if (target.token) this.token = Promise.resolve(target.token);
  }

  /** Registers the office with a license starting today (unless it has one), and issues a new key. */
  async seed(officeNumber: string, name: string, options: SeedOptions = {}): Promise<SeededOffice> {
    if (!OFFICE_NUMBER_PATTERN.test(officeNumber)) {
      throw new Error(`"${officeNumber}" is not a valid 10-character office number`);
    }
    const office = `/ops/v1/offices/${officeNumber}`;
    const created = await this.ops('POST', '/ops/v1/offices', {
      officeNumber,
      name,
      kind: options.kind ?? 'unspecified',
    });
    if (created.status !== 201 && created.code !== 'OFFICE_EXISTS') throw refused('office', created);
    let license = await this.ops('GET', `${office}/license`);
    if (license.status === 404) {
      const today = todayInTokyo();
      license = await this.ops('POST', `${office}/license`, {
        startDate: today,
        applicationDate: today,
        billingMethod: 'deduction',
        autoRenew: true,
        ...(options.campaigns === false ? { campaign: 'none' } : {}),
      });
    }
    if (license.status !== 200 && license.status !== 201) throw refused('license', license);
    const key = await this.ops('POST', `${office}/keys`, { label: 'seed' });
    if (key.status !== 201) throw refused('key', key);
    const apiKey = String(key.body.apiKey);
    await this.untilGatewayTakes(officeNumber, apiKey, license.body.state === 'active');
    return { officeNumber, apiKey };
  }

  /** Bounded: the key authenticates (GET /v1/keys), and a licensed office may send (refused only as to itself). */
  private async untilGatewayTakes(officeNumber: string, apiKey: string, licensed: boolean): Promise<void> {
    const deadline = Date.now() + (this.target.timeoutMs ?? 30_000);
    const headers = { 'x-api-key': apiKey };
    const url = (path: string) => new URL(path, this.target.gatewayUrl);
    const keyTaken = async () => (await fetch(url('/v1/keys'), { headers })).status === 200;
    const licenseSeen = async () => {
      // A submission to itself is refused after the license check: SEND_TO_SELF, not SENDER_UNLICENSED.
      const form = new FormData();
      form.append('to', officeNumber);
      const res = await fetch(url('/v1/submissions'), { method: 'POST', headers, body: form });
      return ((await res.json()) as { code?: string }).code !== 'SENDER_UNLICENSED';
    };
    for (const ready of licensed ? [keyTaken, licenseSeen] : [keyTaken]) {
      while (!(await ready())) {
        if (Date.now() > deadline)
          throw new Error(`the gateway did not take the key of ${officeNumber} in time`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  private async ops(method: string, path: string, body?: unknown): Promise<OpsAnswer> {
    const res = await fetch(new URL(path, this.target.opsUrl), {
      method,
      headers: {
        authorization: `Bearer ${await this.operatorToken()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    return { status: res.status, code: typeof json.code === 'string' ? json.code : undefined, body: json };
  }

  /** A central administrator for this seeder, made by the archive's own command line (`npm run ops`). */
  private operatorToken(): Promise<string> {
    this.token ??= promisify(execFile)(process.execPath, [CLI, 'create-admin', 'seed'], {
      env: { ...process.env, DATABASE_URL: this.target.databaseUrl },
    }).then(({ stdout }) => (JSON.parse(stdout) as { token: string }).token);
    return this.token;
  }
}

interface OpsAnswer {
  status: number;
  code?: string;
  body: Record<string, unknown>;
}

function refused(what: string, answer: OpsAnswer): Error {
  return new Error(`${what}: the operations API answered ${answer.status} ${JSON.stringify(answer.body)}`);
}

/** Today in Japan (YYYY-MM-DD), as the archive dates licenses. */
function todayInTokyo(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
}
