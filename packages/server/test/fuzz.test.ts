import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildCountyFixture, multipart, type CountyFixture } from './authorization-fixtures.ts';
import { bodyCases, fileCases, seededRandom, type Hints, type JsonSchema } from './fuzz-inputs.ts';
import { registryRows, HEADER } from './registry-files.ts';
import { createTestContext } from './test-app.ts';

/**
 * The fuzz test (issue 10, item 13): hostile import files (CSV / XLSX / UTF-16 mutations) through
 * the three importers, and mutated JSON bodies of every POST/PUT/PATCH operation of the OpenAPI
 * document. No answer may be a 500, and the process must survive (the health check answers at the end).
 *
 * Seeded: `FUZZ_SEED` replays a run (CI uses the fixed default; the seed is printed), `FUZZ_RUNS`
 * adds random cases per target on top of the fixed ones (default 12 files, 6 bodies per operation).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

/**
 * Findings owned by another branch, not fixed here (the lead drops a marker when its fix merges).
 * While a marker is set, a 500 caused by that input is tolerated, and the test fails if none is
 * seen any more (the fix has landed: drop the marker, so such a 500 fails from then on).
 */
const KNOWN = {
  /** Issue 10 item 11 (branch imports): a NUL character in a JSON string reaches PostgreSQL, which refuses it → 500 instead of 400 with the field. */
  nulInJson: false,
  /** Issue 10 item 11 (branch imports): a NUL byte in an imported file's cell reaches PostgreSQL → 500 instead of a rejected row or 422. */
  nulInFile: false,
};

console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS}`);
const ctx = await createTestContext({ loginRatePerMinute: 100_000, logLevel: 'silent' });
await ctx.app.ready();
const document = ctx.app.swagger() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> }; security?: unknown[] }>> };

let fixture: Promise<CountyFixture> | undefined;
const fixtureOnce = () => (fixture ??= buildCountyFixture(ctx));
let address = 0;
const nextAddress = () => `10.${(++address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;

type Failure = { target: string; label: string; status: number; body: string };

function report(failures: Failure[]): string {
  return failures.map((f) => `${f.target} ← ${f.label}: ${f.status} ${f.body.slice(0, 200)}`).join('\n') + `\n(replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS})`;
}

describe(`fuzz (FUZZ_SEED=${SEED})`, () => {
  it('importers: mutated CSV, UTF-16 and XLSX files never give a 500', { timeout: 180_000 }, async () => {
    const f = await fixtureOnce();
    const random = seededRandom(SEED);
    const registry = [HEADER, ...registryRows(f.county, 3, SEED % 1000)];
    const medical = [
      ['身份证号码', '姓名', '结算日期', '医疗总费用', '个人自付'],
      [f.household.members[0]!.idNumber, f.household.members[0]!.name, '2026-10-05', '30000', '12000'],
      ['45102819880517001X', '外县', '2026-10-06', '100', '50'],
    ];
    const monitoring = [
      ['户编号', '监测对象类别', '风险类型', '识别时间'],
      [f.household.householdNumber, '边缘易致贫户', '因病', '2026-03-01'],
    ];
    const targets = [
      { url: '/api/imports/department/medical?dryRun=true', rows: medical },
      { url: '/api/imports/registry', rows: registry },
      { url: '/api/imports/monitoring', rows: monitoring },
    ];
    const failures: Failure[] = [];
    const knownNul: string[] = [];
    for (const target of targets) {
      for (const file of fileCases(target.rows, random, RUNS)) {
        const { payload, headers } = multipart({ name: file.name, content: file.content });
        const r = await ctx.app.inject({ method: 'POST', url: target.url, payload, headers: { ...headers, cookie: f.users['county-admin'].cookie }, remoteAddress: nextAddress() });
        if (r.statusCode < 500) continue;
        if (KNOWN.nulInFile && r.statusCode === 500 && file.content.includes(0)) {
          knownNul.push(`${target.url} (${file.label})`);
          continue;
        }
        failures.push({ target: target.url, label: file.label, status: r.statusCode, body: r.body });
      }
    }
    expect(failures, report(failures)).toEqual([]);
    if (KNOWN.nulInFile) {
      console.log(`fuzz: ${knownNul.length} known 500s from NUL bytes in files (issue 10 item 11, branch imports):\n  ${knownNul.join('\n  ')}`);
      expect(knownNul.length, 'no NUL byte in a file gives a 500 any more: item 11 has landed; set KNOWN.nulInFile to false').toBeGreaterThan(0);
    }
    expect((await ctx.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });

  it('JSON bodies of every POST/PUT/PATCH operation: wrong types, missing fields, huge strings, NUL, deep nesting, odd unicode', { timeout: 180_000 }, async () => {
    const f = await fixtureOnce();
    const random = seededRandom(SEED + 1);
    const hints: Hints = {
      householdId: f.household.id,
      regionCode: f.villageCode,
      villageCode: f.villageCode,
      region: f.county.code,
      ids: [f.warningId],
      clientId: `fuzz-${SEED}`,
      username: `fuzz-${SEED}`,
      password: 'Fuzz-password-2026',
      role: 'leader',
      phone: '13907761201',
      callerPhone: '13907761201',
      household: { members: [] },
    };
    const pathValue: Record<string, string> = { source: 'medical' };
    const idFor = (path: string) =>
      path.startsWith('/api/households/') ? f.household.id : path.startsWith('/api/members/') ? f.memberId : path.startsWith('/api/cases/') ? f.caseId : path.startsWith('/api/visit-reports/') ? f.visitReportId : f.warningId;
    const failures: Failure[] = [];
    const knownNul: string[] = [];
    let operations = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (!schema || !['post', 'put', 'patch'].includes(method)) continue;
        operations++;
        const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => pathValue[name] ?? idFor(path));
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        for (const body of bodyCases(schema, hints, random, Math.ceil(RUNS / 2))) {
          const options: InjectOptions = {
            method: method.toUpperCase(),
            url,
            payload: body.raw,
            headers: { 'content-type': 'application/json', ...(isPublic ? {} : { cookie: f.users['county-admin'].cookie }) },
            remoteAddress: nextAddress(),
          };
          const r = await ctx.app.inject(options);
          if (r.statusCode < 500) continue;
          if (KNOWN.nulInJson && body.hasNul && r.statusCode === 500) {
            knownNul.push(`${method.toUpperCase()} ${path} (${body.label})`);
            continue;
          }
          failures.push({ target: `${method.toUpperCase()} ${path}`, label: body.label, status: r.statusCode, body: r.body });
        }
      }
    }
    expect(operations).toBeGreaterThan(10);
    expect(failures, report(failures)).toEqual([]);
    if (KNOWN.nulInJson) {
      console.log(`fuzz: ${knownNul.length} known 500s from NUL in JSON strings (issue 10 item 11, branch imports):\n  ${knownNul.join('\n  ')}`);
      expect(knownNul.length, 'no NUL gives a 500 any more: item 11 has landed; set KNOWN.nulInJson to false').toBeGreaterThan(0);
    }
    expect((await ctx.app.inject({ url: '/api/health' })).statusCode).toBe(200);
  });
});
