import { spawn } from 'node:child_process';
import path from 'node:path';
import { TEST_SECRET_KEY } from './test-app.ts';

const BIN = path.resolve(import.meta.dirname, '../bin/fangpin.mjs');

/** Runs the real `fangpin` CLI on a database (stdin piped, so never a terminal) and collects its output. */
export function runCli(
  databaseUrl: string,
  args: string[],
  options: { stdin?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl, FANGPIN_SECRET_KEY: TEST_SECRET_KEY, LOG_LEVEL: 'warn', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}
