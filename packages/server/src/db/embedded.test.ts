import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { makeReachableTempDir, startEmbeddedPostgres } from './embedded.ts';

async function startInAnotherProcess(dataDir: string, kind: 'serve' | 'cli'): Promise<string> {
  const script = `
    import('${path.resolve(import.meta.dirname, 'embedded.ts')}').then(async (m) => {
      try { const h = await m.startEmbeddedPostgres({ dataDir: '${dataDir}', kind: '${kind}' }); console.log(h.isShared ? 'SHARED ' + h.url : 'STARTED'); await h.stop(); }
      catch (e) { console.log(e.constructor.name + ': ' + e.message); }
      process.exit(0);
    });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  await new Promise((resolve) => child.on('exit', resolve));
  return output.trim();
}

describe('embedded PostgreSQL in the data directory', () => {
  it('keeps data across restarts, refuses a second server on the same directory, lets a CLI command share it', async () => {
    const dataDir = makeReachableTempDir('fangpin-embedded-');
    const first = await startEmbeddedPostgres({ dataDir, kind: 'serve' });
    try {
      const client = new pg.Client({ connectionString: first.url });
      await client.connect();
      await client.query('CREATE TABLE kept (value text)');
      await client.query(`INSERT INTO kept VALUES ('still here')`);
      await client.end();

      // Another process wanting to serve on the same directory gets a clear error; a CLI command shares it.
      expect(await startInAnotherProcess(dataDir, 'serve')).toContain('DataDirInUseError: Fangpin is already running on the data directory');
      expect(await startInAnotherProcess(dataDir, 'cli')).toBe(`SHARED ${first.url}`);
    } finally {
      await first.stop();
    }
    expect(fs.existsSync(path.join(dataDir, 'owner.json'))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir, kind: 'serve' });
    try {
      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      const { rows } = await client.query('SELECT value FROM kept');
      expect(rows).toEqual([{ value: 'still here' }]);
      await client.end();
    } finally {
      await second.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
