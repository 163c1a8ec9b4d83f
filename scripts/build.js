// Compiles the workspace to dist/ (incremental) and rewrites @careplan/* imports to relative paths,
// so dist/ runs on plain Node with no loader; then builds the operations console (Vite) to dist/console, which the
// archive serves. Diagnostics go to stderr: tools print JSON on stdout.
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync } = require('node:fs');
const path = require('node:path');
const root = path.join(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(cmd, args) {
  const r = spawnSync(bin(cmd), args, { stdio: ['ignore', 2, 2], cwd: root });
  if (r.status !== 0) {
    console.error(`build: ${cmd} failed`);
    process.exit(1);
  }
}

/** The newest modification time of a file or of any file under a directory (0 when it does not exist). */
function newest(p) {
  let s;
  try {
    s = statSync(p);
  } catch {
    return 0;
  }
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const entry of readdirSync(p)) max = Math.max(max, newest(path.join(p, entry)));
  return max;
}

run('tsc', ['-p', 'tsconfig.build.json']);
run('tsc-alias', ['-p', 'tsconfig.build.json']);

// Vite has no incremental mode: skip it while the built console is newer than everything it is built from, so
// the builds before every tool run (scripts/run-tool.sh) stay fast.
const consoleInputs = ['apps/console', 'libs/spec/src/check-digit.ts', 'package-lock.json'];
const built = newest(path.join(root, 'dist', 'console', 'index.html'));
if (built === 0 || consoleInputs.some((p) => newest(path.join(root, p)) > built))
  run('vite', ['build', '--config', 'apps/console/vite.config.mts', '--logLevel', 'warn']);
