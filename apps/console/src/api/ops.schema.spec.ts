import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

describe('ops.schema.ts', () => {
  it('is what openapi-typescript generates from the checked-in openapi/ops.json (npm run openapi)', () => {
    // The generator runs in a child Node: openapi-typescript require()s ES modules, which Jest's runtime cannot.
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'ops-schema.js'), '--stdout'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(join(root, 'apps', 'console', 'src', 'api', 'ops.schema.ts'), 'utf8')).toBe(
      run.stdout,
    );
  });
});
