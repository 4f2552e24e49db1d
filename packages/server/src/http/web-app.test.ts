import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { createCipher } from '../crypto/personal-data.ts';
import { createPool } from '../db/client.ts';

describe('serving the built web app', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'fangpin-dist-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>防贫</title>');
  fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)');
  const pool = createPool(inject('databaseUrl'), 1);
  afterAll(async () => {
    await pool.end();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html for the app routes, hashed assets as immutable, and 404 for a missing file', async () => {
    const app = await buildApp({ pool, config: loadConfig({ LOG_LEVEL: 'silent' }), cipher: createCipher(Buffer.alloc(32, 1)), now: () => new Date(), webDist: dist });
    const root = await app.inject({ url: '/' });
    expect([root.statusCode, root.headers['cache-control']]).toEqual([200, 'no-cache']);
    expect(root.body).toContain('防贫');
    const route = await app.inject({ url: '/households/0d6f' });
    expect([route.statusCode, route.body]).toEqual([200, root.body]);
    const asset = await app.inject({ url: '/assets/app-abc123.js' });
    expect([asset.statusCode, asset.headers['cache-control']]).toEqual([200, 'public, max-age=31536000, immutable']);
    // After a rebuild, a file added to dist is served without a restart.
    fs.writeFileSync(path.join(dist, 'assets', 'app-def456.js'), 'console.log(2)');
    expect((await app.inject({ url: '/assets/app-def456.js' })).statusCode).toBe(200);
    const missing = await app.inject({ url: '/assets/app-old999.js' });
    expect([missing.statusCode, missing.headers['content-type']]).toEqual([404, 'application/problem+json; charset=utf-8']);
    await app.close();
  });
});
