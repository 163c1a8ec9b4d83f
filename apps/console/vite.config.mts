// The operations console: built to dist/console at the repository root, which the archive serves at /console/.
// `vite --config apps/console/vite.config.mts` (dev server) proxies the operations API to an archive on :3003.
// .mts: an ES module in a package that is CommonJS.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/console/',
  plugins: [react()],
  resolve: {
    // The one file of @careplan/spec the browser needs: the index pulls Node-only code.
    alias: { '@careplan/spec/check-digit': here('../../libs/spec/src/check-digit.ts') },
  },
  build: {
    outDir: here('../../dist/console'),
    emptyOutDir: true,
    // Recharts alone is large; the console is an internal tool on a fast network.
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/ops': 'http://127.0.0.1:3003' } },
});
