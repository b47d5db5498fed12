import { defineConfig } from 'vitest/config';
import { serviceWorker } from './sw/plugin.mjs';

// @vitejs/plugin-react is not used: esbuild's automatic JSX runtime is all the app needs
// (no Fast Refresh in dev, which is acceptable).
export default defineConfig({
  esbuild: { jsx: 'automatic' },
  // dist/sw.js with this build's precache list (issue 21, installable app, offline shell)
  plugins: [serviceWorker()],
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      // antd marks its modules "use client" (a React Server Components hint); meaningless here.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        manualChunks(id) {
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom|@remix-run)\//.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    // `npm run dev` talks to a locally running `longghep serve --port 8099`.
    proxy: { '/api': 'http://127.0.0.1:8099' },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
