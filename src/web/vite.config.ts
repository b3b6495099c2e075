import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The single React application. `npm run build:web` writes dist/web, which the server serves;
 * `npx vite --config src/web/vite.config.ts` runs a dev server that forwards /api to TONGBAN_API.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
    sourcemap: false,
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
