import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// FANGPIN_E2E_PORT lets two runs (e.g. two developers' branches) share a machine.
const PORT = Number(process.env.FANGPIN_E2E_PORT ?? 3210);
export const BASE_URL = `http://127.0.0.1:${PORT}`;

// A fresh data directory per run: the server starts an embedded PostgreSQL there and (demo mode) seeds the demo
// county. It must be traversable by the `postgres` user (the embedded server drops to it when we run
// as root), so it lives under /tmp with mode 0777. The variable is set once in the runner process
// and inherited by workers, so they do not create directories of their own.
function dataDir(): string {
  const existing = process.env.FANGPIN_E2E_DATA_DIR;
  if (existing) return existing;
  const dir = mkdtempSync(path.join('/tmp', `fangpin-e2e-${Date.now()}-`));
  chmodSync(dir, 0o777);
  process.env.FANGPIN_E2E_DATA_DIR = dir;
  // The runner stops the server before it exits; then the ~70 MB cluster can go.
  // Set FANGPIN_E2E_KEEP_DATA=1 to keep it for a post-mortem.
  if (!process.env.FANGPIN_E2E_KEEP_DATA) {
    process.on('exit', () => {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // best effort: a leftover directory under /tmp is harmless
      }
    });
  }
  return dir;
}

const serverEnv: Record<string, string> = {
  PORT: String(PORT),
  FANGPIN_DATA_DIR: dataDir(),
  TZ: process.env.TZ ?? 'Asia/Shanghai',
  // The journeys sign in and out as a dozen people within a minute, all from 127.0.0.1.
  LOGIN_RATE_LIMIT: '300',
};
if (process.env.DATABASE_URL) serverEnv.DATABASE_URL = process.env.DATABASE_URL;
if (process.env.DATABASE_OWNER_URL) serverEnv.DATABASE_OWNER_URL = process.env.DATABASE_OWNER_URL;

export default defineConfig({
  testDir: 'journeys',
  testMatch: '**/*.spec.ts',
  // Per port: runs of several branches on one machine must not delete each other's traces.
  outputDir: path.join(tmpdir(), `fangpin-e2e-results-${PORT}`),
  workers: 1,
  fullyParallel: false,
  // One retry: a journey that fails once on a loaded CI machine and passes again is reported as
  // "flaky" in the list (and must be looked at); one that fails twice fails the run.
  retries: 1,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      // A Chinese browser, as a county user's is: date inputs then show 2026/11/29, not 11/29/2026
      // (the browser's own language decides; it needs Debian's chromium-l10n).
      env: { ...process.env, LANG: 'zh_CN.UTF-8', LANGUAGE: 'zh_CN:zh' },
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
  projects: [{ name: 'chromium' }],
  webServer: {
    // Demo mode, explicitly: the journeys play in the demo county with its published-password accounts.
    command: 'node packages/server/bin/fangpin.mjs serve --demo',
    cwd: repoRoot,
    env: serverEnv,
    url: `${BASE_URL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
