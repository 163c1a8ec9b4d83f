import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_PROBLEMS } from '@careplan/contracts';
import { problemsMarkdown } from './lib/problems-markdown';

describe('docs/problems.md', () => {
  const file = join(__dirname, '..', 'docs', 'problems.md');
  const checkedIn = readFileSync(file, 'utf8');

  it('is what the registry says (regenerate with npm run problems:docs)', () => {
    expect(checkedIn).toBe(problemsMarkdown());
  });

  it('has a row per code', () => {
    for (const p of ALL_PROBLEMS)
      expect(checkedIn).toMatch(new RegExp(`\\| \`${p.code}\` \\| ${p.status} \\|`));
  });
});
