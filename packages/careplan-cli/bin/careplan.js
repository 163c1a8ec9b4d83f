#!/usr/bin/env node
// `npx careplan …`: runs the built CLI (dist/tools/careplan/main.js, source in tools/careplan). It builds the
// workspace once when dist is missing (a fresh `npm ci`), never on every call: after pulling new code, run
// `npm run build`.
const { existsSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..', '..', '..');
const main = path.join(root, 'dist', 'tools', 'careplan', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('careplan: first run, building the workspace (once)…\n');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.js')], {
    stdio: ['ignore', 2, 2],
  });
  if (build.status !== 0 || !existsSync(main)) {
    process.stderr.write('careplan: the build failed (npm run build shows why)\n');
    process.exit(2);
  }
}
require(main);
