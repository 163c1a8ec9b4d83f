import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { problemsMarkdown } from './lib/problems-markdown';

/** npm run problems:docs: writes docs/problems.md from the registry of problem codes. */
writeFileSync(join(__dirname, '..', '..', 'docs', 'problems.md'), problemsMarkdown());
process.stderr.write('problems:docs: wrote docs/problems.md\n');
