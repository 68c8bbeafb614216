import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { offlinePlugin } from './src/build/offline-plugin.ts';

export default defineConfig({
  base: './',
  plugins: [svelte(), offlinePlugin()],
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  build: { target: 'es2022', outDir: process.env.SW_OUT_DIR ?? 'dist' },
  preview: { port: 4173, strictPort: false },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/sql/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['test/decode-as-browsers.setup.ts'],
  },
});
