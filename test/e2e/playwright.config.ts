import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.ts';
import { PORT, STRAINED_URL, UNLOCKED_URL } from './ports.ts';

export default defineConfig({
  testDir: '.',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    trace: 'retain-on-failure',
    // Each context would install the service worker and copy ~41 MB into its cache: only the offline
    // tests need it, and they allow it in their own contexts (offline.spec.ts).
    serviceWorkers: 'block',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: !process.env.CI,
      cwd: '../..',
    },
    {
      // A test-only build with the engine lock off, so the privacy test is shown able to fail.
      command: `npx vite preview --host 127.0.0.1 --port ${PORT + 1} --strictPort --outDir dist-unlocked`,
      url: UNLOCKED_URL,
      reuseExistingServer: !process.env.CI,
      cwd: '../..',
    },
    {
      // A test-only build whose engine runs out of memory on tens of megabytes and does not hear a Cancel (engine.spec.ts).
      command: `npx vite preview --host 127.0.0.1 --port ${PORT + 10} --strictPort --outDir dist-strained`,
      url: STRAINED_URL,
      reuseExistingServer: !process.env.CI,
      cwd: '../..',
    },
  ],
});
