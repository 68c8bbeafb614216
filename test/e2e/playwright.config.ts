import { defineConfig } from '@playwright/test';

/** Debian's Chromium (downloads of Playwright's own browser are not possible here). */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: 'http://127.0.0.1:4173/',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: 'npx vite preview --host 127.0.0.1 --port 4173 --strictPort',
      url: 'http://127.0.0.1:4173/',
      reuseExistingServer: !process.env.CI,
      cwd: '../..',
    },
    {
      // A test-only build with the engine lock off, so the privacy test is shown able to fail.
      command: 'npx vite preview --host 127.0.0.1 --port 4174 --strictPort --outDir dist-unlocked',
      url: 'http://127.0.0.1:4174/',
      reuseExistingServer: !process.env.CI,
      cwd: '../..',
    },
  ],
});
