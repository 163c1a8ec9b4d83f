import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ValidationReport } from '@careplan/spec';
import { buildBundle, buildFile } from '@careplan/spec/testing';
import { configPath, readConfig, writeConfig } from './cli.config';
import { EXIT_FAILED, EXIT_OK, EXIT_REFUSED, type CliIo } from './cli.io';
import { localeOf, messagesFor } from './cli.messages';
import { runCli } from './cli.program';

function fakeIo(env: NodeJS.ProcessEnv = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    env: { LANG: 'C', ...env },
    home: mkdtempSync(join(tmpdir(), 'careplan-home-')),
    interactive: false,
  };
  return io;
}

const dir = mkdtempSync(join(tmpdir(), 'careplan-cli-'));
const write = (name: string, bytes: Uint8Array) => {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};
const plan = buildBundle('plan').map((f) => write(f.name, f.bytes));

describe('careplan validate (offline)', () => {
  it('exits 0 for a valid bundle and prints the report as JSON with --json', async () => {
    const io = fakeIo();
    expect(await runCli(['validate', '--json', ...plan], io)).toBe(EXIT_OK);
    const report = JSON.parse(io.out) as ValidationReport;
    expect(report.ok).toBe(true);
    expect(report.files.map((f) => f.name)).toEqual(plan.map((p) => p.split('/').pop()));
  });

  it('exits 1 with a table of file, row, column, code and the Japanese message when a file has errors', async () => {
    const upplan = buildFile('UPPLAN');
    const lone = write(upplan.name, upplan.bytes);
    const io = fakeIo();
    expect(await runCli(['validate', lone], io)).toBe(EXIT_REFUSED);
    const [header, rule, row] = io.out.split('\n');
    expect(header.split(/\s{2,}/)).toEqual(['file', 'row', 'column', 'code', 'message (ja)']);
    expect(rule).toMatch(/^-+ +-+/);
    expect(row).toContain(upplan.name);
    expect(row).toContain('SET_INCOMPLETE');
    expect(row).toMatch(/[ぁ-んァ-ン一-龯]/);
    expect(io.out.trimEnd().split('\n').pop()).toBe('1 error(s)');
  });

  it('speaks Japanese when LANG is ja_*', async () => {
    const io = fakeIo({ LANG: 'ja_JP.UTF-8' });
    expect(await runCli(['validate', ...plan], io)).toBe(EXIT_OK);
    expect(io.out).toContain('指摘なし');
    expect(io.out).toContain('3 ファイル: エラーなし');
  });

  it('exits 2 for a file it cannot read, and says so in JSON with --json', async () => {
    const io = fakeIo();
    expect(await runCli(['validate', '--json', join(dir, 'missing.CSV')], io)).toBe(EXIT_FAILED);
    expect(JSON.parse(io.out).error.code).toBe('CANNOT_READ');
    expect(io.err).toContain('cannot read');
  });
});

describe('careplan arguments and exit codes', () => {
  it('answers help with 0 on stdout', async () => {
    const io = fakeIo();
    expect(await runCli(['--help'], io)).toBe(EXIT_OK);
    for (const command of [
      'login',
      'send',
      'validate',
      'inbox',
      'pull',
      'watch',
      'history',
      'receipt',
      'audit',
      'keys',
    ]) {
      expect(io.out).toContain(command);
    }
  });

  it.each([
    [['bogus']],
    [['send', 'a.CSV']], // --to is required
    [['validate']], // files are required
    [['pull']], // --out is required
    [['inbox', '--status', 'later']], // not a status
    [['keys', 'revoke']], // the id is required
  ])('exits 2 on a usage error: %j', async (argv) => {
    const io = fakeIo();
    expect(await runCli(argv, io)).toBe(EXIT_FAILED);
    expect(io.err).toMatch(/error/);
  });

  it('exits 2 when no gateway is configured, naming how to log in', async () => {
    const io = fakeIo();
    expect(await runCli(['inbox', '--json'], io)).toBe(EXIT_FAILED);
    expect(JSON.parse(io.out).error.code).toBe('NOT_LOGGED_IN');
    const ja = fakeIo({ LANG: 'ja_JP.UTF-8' });
    expect(await runCli(['inbox'], ja)).toBe(EXIT_FAILED);
    expect(ja.err).toContain('ログインしていません');
  });

  it('exits 2 when the gateway cannot be reached', async () => {
    const io = fakeIo({ CAREPLAN_URL: 'http://127.0.0.1:1', CAREPLAN_API_KEY: 'cpx_x' });
    expect(await runCli(['keys', 'list', '--json'], io)).toBe(EXIT_FAILED);
    expect(JSON.parse(io.out).error.code).toBe('CONNECTION');
    expect(io.err).toContain('cannot reach http://127.0.0.1:1');
  });
});

describe('careplan configuration', () => {
  it('writes the URL and key to a file only its owner can read', () => {
    const io = fakeIo();
    const path = writeConfig(io, { url: 'https://x.example', apiKey: 'cpx_a' });
    expect(path).toBe(join(io.home, '.config', 'careplan', 'config.json'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ url: 'https://x.example', apiKey: 'cpx_a' });
    expect(readConfig(io, messagesFor('en'))).toEqual({ url: 'https://x.example', apiKey: 'cpx_a' });
  });

  it('lets CAREPLAN_URL and CAREPLAN_API_KEY override the file, each on its own', () => {
    const io = fakeIo({ CAREPLAN_API_KEY: 'cpx_env' });
    writeConfig(io, { url: 'https://x.example', apiKey: 'cpx_a' });
    expect(readConfig(io, messagesFor('en'))).toEqual({ url: 'https://x.example', apiKey: 'cpx_env' });
    expect(configPath({ ...io, env: { XDG_CONFIG_HOME: '/cfg' } })).toBe('/cfg/careplan/config.json');
  });

  it('picks the language from LC_ALL, LC_MESSAGES or LANG', () => {
    expect(localeOf({ LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(localeOf({ LC_ALL: 'en_US.UTF-8', LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(localeOf({ LC_MESSAGES: 'ja' })).toBe('ja');
    expect(localeOf({})).toBe('en');
  });
});
