import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type TestCounty } from '../../test/factories.ts';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { buildApp } from '../app.ts';
import { attachmentDisposition } from '../modules/attachments/attachments.ts';
import { crossOriginRefusal } from './security.ts';

let ctx: TestContext;
let county: TestCounty;
let admin: { cookie: string };
let leader: { cookie: string };
let cadre: { cookie: string };
let webApp: FastifyInstance;
const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'fangpin-dist-'));

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function multipart(file: { name: string; content: Buffer; type: string }) {
  const boundary = '----fangpin-security';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function expectSecurityHeaders(headers: Record<string, unknown>) {
  const csp = String(headers['content-security-policy']);
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  expect(headers['x-frame-options']).toBe('DENY');
}

beforeAll(async () => {
  ctx = await createTestContext({ publicUrl: 'https://fangpin.leye.example.cn' });
  county = await buildCounty(ctx.pool);
  admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.code });
  leader = await buildUserAndLogin(ctx, { role: 'leader', regionCode: county.code });
  cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>防贫</title>');
  webApp = await buildApp({ pool: ctx.pool, config: ctx.config, cipher: ctx.cipher, now: () => new Date(), webDist: dist });
});
afterAll(async () => {
  await webApp.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('security headers', () => {
  it('every response carries the CSP, nosniff, Referrer-Policy and frame refusal: pages, API, errors, docs', async () => {
    for (const url of ['/', '/households/abc', '/apply?village=1', '/api/health', '/api/auth/me', '/api/no-such-route', '/api/docs/']) {
      const r = await webApp.inject({ url });
      expectSecurityHeaders(r.headers);
    }
  });

  it('API responses are not cached (personal data), errors included; the web app page keeps no-cache', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    for (const [url, cookie] of [
      ['/api/households', admin.cookie],
      [`/api/households/${household.id}`, admin.cookie],
      ['/api/auth/me', admin.cookie],
      ['/api/auth/me', ''],
      ['/api/households/not-a-uuid', admin.cookie],
      ['/api/health', ''],
      ['/api/public/villages?county=' + county.countyCode, ''],
    ] as const) {
      const r = await ctx.app.inject({ url, headers: cookie ? { cookie } : {} });
      expect(r.headers['cache-control'], `${url} → ${r.statusCode}`).toBe('no-store');
    }
    const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'x' } });
    expect(login.headers['cache-control']).toBe('no-store');
    expect((await webApp.inject({ url: '/' })).headers['cache-control']).toBe('no-cache');
  });
});

describe('state-changing requests from another site', () => {
  const login = { username: 'nobody-here', password: 'wrong-password' };

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example.com' }],
    ['an Origin on another port', { origin: 'http://localhost:8080' }],
    ['Origin: null (a sandboxed frame, a data: page)', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site (a sibling subdomain)', { 'sec-fetch-site': 'same-site' }],
  ])('%s is refused with 403 problem+json before anything runs', async (_label, headers) => {
    const r = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: login, headers });
    expect(r.statusCode).toBe(403);
    expect(r.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(r.json()).toMatchObject({ status: 403, code: 'FORBIDDEN', reason: 'crossOrigin' });
    expectSecurityHeaders(r.headers);
  });

  it('refuses PATCH, PUT and DELETE too, with a session, so a logged-in user cannot be made to change data', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const evil = { origin: 'https://evil.example.com', cookie: admin.cookie };
    const patch = await ctx.app.inject({ method: 'PATCH', url: `/api/households/${household.id}`, payload: { version: 1, address: '被改了' }, headers: evil });
    expect(patch.statusCode).toBe(403);
    const { rows } = await ctx.pool.query<{ address: string }>('SELECT address FROM households WHERE id = $1', [household.id]);
    expect(rows[0]!.address).not.toBe('被改了');
    for (const method of ['PUT', 'DELETE'] as const) {
      expect((await ctx.app.inject({ method, url: '/api/department-sources/medical/settings', payload: {}, headers: evil })).statusCode).toBe(403);
    }
  });

  it.each([
    ['no Origin (the CLI, curl, scripts)', {}],
    ['the same origin', { origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' }],
    ['the PUBLIC_URL origin behind a proxy that rewrites Host', { origin: 'https://fangpin.leye.example.cn', host: '127.0.0.1:3000' }],
    ['a typed address (Sec-Fetch-Site: none)', { 'sec-fetch-site': 'none' }],
  ])('%s is let through', async (_label, headers) => {
    const r = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: login, headers });
    expect(r.statusCode).toBe(401);
  });

  it('reads (GET) from another site are not refused: they change nothing, and the cookie is SameSite=Strict', async () => {
    const r = await ctx.app.inject({ url: '/api/health', headers: { origin: 'https://evil.example.com', 'sec-fetch-site': 'cross-site' } });
    expect(r.statusCode).toBe(200);
  });

  it('decides by host: X-Forwarded-Host only counts when the proxy is trusted', () => {
    const req = (headers: Record<string, string>, host: string) => ({ method: 'POST', headers, host });
    expect(crossOriginRefusal(req({ origin: 'https://a.example.cn' }, 'a.example.cn'), undefined)).toBeUndefined();
    expect(crossOriginRefusal(req({ origin: 'https://A.example.cn' }, 'a.example.cn'), undefined)).toBeUndefined();
    expect(crossOriginRefusal(req({ origin: 'https://b.example.cn' }, 'a.example.cn'), undefined)).toMatch(/Origin/);
    expect(crossOriginRefusal(req({ origin: 'not a url' }, 'a.example.cn'), undefined)).toMatch(/Origin/);
    expect(crossOriginRefusal({ method: 'GET', headers: { origin: 'https://b.example.cn' }, host: 'a.example.cn' }, undefined)).toBeUndefined();
  });
});

describe('/api/health', () => {
  it('without login: status, database and time only — no PostgreSQL version, no app version', async () => {
    const r = await ctx.app.inject({ url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json()).sort()).toEqual(['database', 'status', 'time']);
    expect(r.json()).toMatchObject({ status: 'ok', database: 'ok' });
    expect(JSON.stringify({ ...r.json(), time: undefined })).not.toMatch(/PostgreSQL|\d+\.\d+/);
  });

  it('other roles see the same; a county admin also sees the versions', async () => {
    for (const who of [leader, cadre]) expect(Object.keys((await ctx.app.inject({ url: '/api/health', headers: { cookie: who.cookie } })).json()).sort()).toEqual(['database', 'status', 'time']);
    const r = await ctx.app.inject({ url: '/api/health', headers: { cookie: admin.cookie } });
    expect(r.json()).toMatchObject({ status: 'ok', version: expect.stringMatching(/^\d+\.\d+\.\d+/), databaseVersion: expect.stringMatching(/^PostgreSQL \d+/) });
  });

  it('answers 503 {status: "unavailable"} when the database does not answer (monitoring sees the outage)', async () => {
    const broken = { ...ctx.pool, query: () => Promise.reject(new Error('connect ECONNREFUSED')) } as unknown as typeof ctx.pool;
    const app = await buildApp({ pool: broken, config: { ...ctx.config, logLevel: 'silent' }, cipher: ctx.cipher, now: () => new Date() });
    const r = await app.inject({ url: '/api/health' });
    expect([r.statusCode, r.json()]).toEqual([503, expect.objectContaining({ status: 'unavailable', database: 'unreachable' })]);
    await app.close();
  });
});

describe('attachment downloads', () => {
  it('are served as downloads (attachment, RFC 5987 name) with the type checked from their content', async () => {
    const household = await buildHousehold(ctx, { villageCode: county.villages[0]!.code });
    const report = await ctx.app.inject({
      method: 'POST',
      url: '/api/visit-reports',
      headers: { cookie: cadre.cookie },
      payload: { clientId: `security-${Date.now()}`, householdId: household.id, regionCode: county.villages[0]!.code, visitedOn: '2026-09-27', observed: '房屋漏雨', riskTypes: ['10'] },
    });
    expect(report.statusCode, report.body).toBe(201);
    const { payload, headers } = multipart({ name: '入户照片 1.png', content: PNG, type: 'text/html' });
    const upload = await ctx.app.inject({ method: 'POST', url: `/api/visit-reports/${report.json().id}/attachments`, payload, headers: { ...headers, cookie: cadre.cookie } });
    expect(upload.statusCode, upload.body).toBe(201);
    const r = await ctx.app.inject({ url: upload.json().url, headers: { cookie: admin.cookie } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(r.headers['content-disposition']).toBe(`attachment; filename="____ 1.png"; filename*=UTF-8''%E5%85%A5%E6%88%B7%E7%85%A7%E7%89%87%201.png`);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['cache-control']).toBe('private, no-store');

    // A stored type that is not what the content is (a row written by other means) is not trusted.
    await ctx.pool.query(`UPDATE attachments SET mime_type = 'text/html', content = $2 WHERE id = $1`, [upload.json().id, Buffer.from('<script>alert(1)</script>')]);
    const html = await ctx.app.inject({ url: upload.json().url, headers: { cookie: admin.cookie } });
    expect(html.headers['content-type']).toBe('application/octet-stream');
    expect(html.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('names: ASCII fallback without quotes or control characters, UTF-8 name percent-encoded', () => {
    expect(attachmentDisposition('scan.pdf')).toBe(`attachment; filename="scan.pdf"; filename*=UTF-8''scan.pdf`);
    expect(attachmentDisposition("a'b(c).jpg")).toBe(`attachment; filename="a'b(c).jpg"; filename*=UTF-8''a%27b%28c%29.jpg`);
    expect(attachmentDisposition('承诺书.pdf')).toMatch(/^attachment; filename="___\.pdf"; filename\*=UTF-8''%E6%89%BF/);
  });
});
