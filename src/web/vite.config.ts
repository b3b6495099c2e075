import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Files worth compressing (text); images such as PNG are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;

/**
 * Writes <file>.br (brotli, quality 11) and <file>.gz (gzip, level 9) beside every text asset of the
 * build, so the server sends them by content negotiation (@fastify/static `preCompressed`) without
 * compressing on each request. Node's zlib, no dependency: the Vite compression plugins are small
 * wrappers around the same zlib calls, and one of them fewer is one supply-chain risk fewer.
 * A compressed file that is not smaller than the original is not written (the server then sends the original).
 */
function precompress(outDir: string): Plugin {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)],
    );
  return {
    name: 'tongban-precompress',
    apply: 'build',
    closeBundle() {
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file) || file.includes('/.vite/')) continue;
        const raw = readFileSync(file);
        if (raw.length < 1024) continue;
        const br = brotliCompressSync(raw, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
        });
        const gz = gzipSync(raw, { level: 9 });
        if (br.length < raw.length) writeFileSync(`${file}.br`, br);
        if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz);
      }
    },
  };
}

/**
 * The single React application. `npm run build:web` writes dist/web, which the server serves;
 * `npx vite --config src/web/vite.config.ts` runs a dev server that forwards /api to TONGBAN_API.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: 'public',
  plugins: [react(), precompress(`${repoRoot}dist/web`)],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    sourcemap: false,
    // dist/web/.vite/manifest.json: the server reads it to preload a page's chunks with its HTML.
    manifest: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // React, the router, the query cache and i18n change rarely: one long-cached chunk.
        // Ant Design stays split by use, so the portal does not download the console's Table.
        codeSplitting: {
          groups: [
            {
              name: 'vendor-react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack|i18next|react-i18next)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.TONGBAN_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
