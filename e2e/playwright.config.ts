import { defineConfig, devices } from '@playwright/test';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The journeys run against the built system (API + dashboard on one port) on a throwaway embedded
// PostgreSQL seeded with the demo data, or on DATABASE_URL when it is set. Playwright cannot download
// its own browser here, so it drives Debian's chromium.
const port = Number(process.env['E2E_PORT'] ?? 3199);
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), 'homeward-e2e-'));
// Run as root, the embedded PostgreSQL drops to the postgres user, which must be able to enter the folder.
chmodSync(dataDir, 0o755);

export default defineConfig({
  testDir: './src',
  outputDir: '../tmp/e2e-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env['CI'] ? 1 : 0,
  reporter: [['list']],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
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
  webServer: {
    command: 'node dist/backend/main.js',
    cwd: join(__dirname, '..'),
    url: `${baseURL}/health/ready`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      HOMEWARD_DATA_DIR: dataDir,
      DEMO_DATA: 'true',
      // The journeys sign in far more often than a person; the throttle itself is an integration test.
      SIGN_IN_ATTEMPTS_PER_MINUTE: '1000',
      NODE_ENV: 'test',
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
});
