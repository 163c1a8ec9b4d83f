import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CommonEnv, loadEnv } from '@careplan/platform';
import { ArchiveEnv } from '../apps/archive/src/config/archive.env';
import { GatewayEnv } from '../apps/gateway/src/config/gateway.env';
import { RouterEnv } from '../apps/router/src/config/router.env';
import { ValidatorEnv } from '../apps/validator/src/config/validator.env';
import { ToolsEnv } from '../tools/lib/tools.env';

const ROOT = join(__dirname, '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

interface ComposeService {
  environment?: Record<string, string | number>;
}

// The image runs with NODE_ENV=production (Dockerfile): each service's production checks apply.
const SERVICES: Record<string, new () => CommonEnv> = {
  migrate: ToolsEnv,
  gateway: GatewayEnv,
  validator: ValidatorEnv,
  router: RouterEnv,
  archive: ArchiveEnv,
};

/** `KEY=value` lines (single quotes taken literally), as docker compose reads .env. */
function dotenv(text: string): Record<string, string> {
  const entries = text
    .split('\n')
    .map((l) => /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(l.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, k, v]) => [k, v.replace(/^'(.*)'$/, '$1')]);
  return Object.fromEntries(entries) as Record<string, string>;
}

/** Compose's ${VAR}, ${VAR:-default} and ${VAR:?error} against `vars`; records which ones are required. */
function interpolate(value: string, vars: Record<string, string>, required: Set<string>): string {
  return value.replace(
    /\$\{([A-Z_][A-Z0-9_]*)(?::([-?])([^}]*))?\}/g,
    (_all, name: string, op?: string, arg?: string) => {
      if (op === '?') required.add(name);
      const set = vars[name];
      if (set !== undefined && set !== '') return set;
      if (op === '?') throw new Error(`${name}: ${arg}`);
      return op === '-' ? (arg ?? '') : '';
    },
  );
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, ComposeService>;
  };
  const secrets = dotenv(
    execFileSync('bash', [join(ROOT, 'scripts', 'compose-env.sh')], { encoding: 'utf8' }),
  );

  const environmentOf = (service: string, vars: Record<string, string>, required = new Set<string>()) =>
    Object.fromEntries(
      Object.entries(compose.services[service].environment ?? {}).map(([k, v]) => [
        k,
        interpolate(String(v), vars, required),
      ]),
    );

  it.each(Object.entries(SERVICES))(
    '%s starts in production with the secrets of scripts/compose-env.sh, without a warning',
    (service, cls) => {
      const warnings: string[] = [];
      const env = { ...environmentOf(service, secrets), NODE_ENV: 'production' };
      expect(() => loadEnv(cls, env, (w) => warnings.push(w))).not.toThrow();
      expect(warnings).toEqual([]);
    },
  );

  it.each(Object.entries(SERVICES))(
    '%s: every variable its production config cannot do without is required from .env',
    (service, cls) => {
      const required = new Set<string>();
      const env = { ...environmentOf(service, secrets, required), NODE_ENV: 'production' };
      const needed = Object.keys(new cls()).filter((name) => {
        const without: Record<string, string> = { ...env };
        delete without[name];
        const warnings: string[] = [];
        try {
          loadEnv(cls, without, (w) => warnings.push(w));
        } catch {
          return true;
        }
        return warnings.length > 0;
      });
      expect(needed.length).toBeGreaterThan(0);
      expect([...required].filter((n) => needed.includes(n)).sort()).toEqual([...needed].sort());
      // …and compose refuses to start without them instead of passing a public default.
      for (const name of needed)
        expect(() => environmentOf(service, { ...secrets, [name]: '' })).toThrow(name);
    },
  );

  it('lists every required variable in .env.example', () => {
    const documented = Object.keys(dotenv(read('.env.example')));
    const required = new Set<string>();
    for (const service of Object.keys(SERVICES)) environmentOf(service, secrets, required);
    expect(documented.sort()).toEqual([...required].sort());
    expect(Object.keys(secrets).sort()).toEqual([...required].sort());
  });

  it("points each service's internal clients at the other service's internal listener", () => {
    const env = (s: string) => environmentOf(s, secrets);
    expect(env('gateway').ARCHIVE_URL).toBe(`http://archive:${env('archive').INTERNAL_PORT}`);
    expect(env('archive').ROUTER_URL).toBe(`http://router:${env('router').INTERNAL_PORT}`);
    expect(env('archive').GATEWAY_URL).toBe(`http://gateway:${env('gateway').INTERNAL_PORT}`);
    // …and reads their health and metrics on the public ones.
    for (const s of ['gateway', 'validator', 'router'])
      expect(env('archive')[`${s.toUpperCase()}_PUBLIC_URL`]).toBe(`http://${s}:${env(s).PORT}`);
    for (const service of Object.keys(SERVICES).filter((s) => s !== 'migrate'))
      expect(env(service).INTERNAL_PORT).not.toBe(env(service).PORT);
  });
});
