/**
 * Builds the analyst workbench (src/web) into dist/web, which the API serves at `/` (src/plugins/workbench.ts).
 * Run from the project root: `vite build --config src/web/vite.config.ts` (part of `npm run build`).
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'src/web',
  base: '/',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // No data: URIs or inline scripts: the API's CSP allows same-origin scripts only.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1200,
  },
});
