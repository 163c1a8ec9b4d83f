// Compiles the workspace to dist/ (incremental) and rewrites @careplan/* imports to relative paths,
// so dist/ runs on plain Node with no loader. Diagnostics go to stderr: tools print JSON on stdout.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const root = path.join(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
for (const [cmd, args] of [
  ['tsc', ['-p', 'tsconfig.build.json']],
  ['tsc-alias', ['-p', 'tsconfig.build.json']],
]) {
  const r = spawnSync(bin(cmd), args, { stdio: ['ignore', 2, 2], cwd: root });
  if (r.status !== 0) {
    console.error(`build: ${cmd} failed`);
    process.exit(1);
  }
}
