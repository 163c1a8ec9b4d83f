import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PLATFORM_PROBLEMS } from '@careplan/platform';
import { ALL_PROBLEMS, Problems, ServiceProblems } from './problems';

const root = join(__dirname, '..', '..', '..');
const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The TypeScript sources under apps/*\/src and libs/*\/src, specs included. */
function sources(): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts'))
        files.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  for (const top of ['apps', 'libs'])
    for (const project of readdirSync(join(root, top))) walk(join(root, top, project, 'src'));
  return files;
}

describe('Problems (the registry of problem codes)', () => {
  it('names each code once: no service code repeats a platform one, and each key is its code', () => {
    const platform = new Set(Object.keys(PLATFORM_PROBLEMS));
    expect(Object.keys(ServiceProblems).filter((code) => platform.has(code))).toEqual([]);
    expect(new Set(ALL_PROBLEMS.map((p) => p.code)).size).toBe(ALL_PROBLEMS.length);
    for (const [key, p] of Object.entries(Problems)) expect(p.code).toBe(key);
  });

  it.each(ALL_PROBLEMS.map((p) => [p.code, p] as const))(
    '%s: a 4xx/5xx status, both languages, same placeholders',
    (_, p) => {
      expect(p.code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
      expect(p.status >= 400 && p.status <= 599).toBe(true);
      expect(p.ja.trim()).not.toBe('');
      expect(p.en.trim()).not.toBe('');
      expect(placeholders(p.ja)).toEqual(placeholders(p.en));
    },
  );

  const files = sources();

  it('is the only way problems are built: AppException is constructed nowhere but in its own module', () => {
    const constructing = files.filter(
      (f) =>
        f.path !== join('libs', 'platform', 'src', 'errors', 'app.exception.ts') &&
        /\bnew AppException\(/.test(f.text),
    );
    expect(constructing.map((f) => f.path)).toEqual([]);
  });

  it('lists no code that nothing raises', () => {
    // Raised: built with problem(…) somewhere; a mention in @ApiProblems or in a spec does not count.
    const all = files
      .filter((f) => !f.path.endsWith('.spec.ts'))
      .map((f) => f.text)
      .join('\n');
    // Wherever the formatter breaks the line: problem(\n  Problems.X, … counts too.
    const unused = Object.keys(ServiceProblems).filter(
      (code) => !new RegExp(`problem\\(\\s*Problems\\.${code}\\b`).test(all),
    );
    expect(unused).toEqual([]);
  });
});
