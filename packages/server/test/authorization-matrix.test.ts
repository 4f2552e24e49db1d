import fs from 'node:fs';
import { ROLES, type Role } from '@fangpin/domain';
import type { InjectOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { buildCountyFixture, type CountyFixture } from './authorization-fixtures.ts';
import { AUTHORIZATION_MATRIX, ROLE_COLUMNS, type Outcome } from './authorization-matrix.ts';
import { createTestContext } from './test-app.ts';

/**
 * The authorization matrix (issue 10, item 13): every operation of the OpenAPI document × every role
 * × in / out of the actor's region, plus no session, against the outcome written in
 * authorization-matrix.ts. Records of two counties (authorization-fixtures.ts) make the ids in paths
 * resolve; the actors all work in county A ("in"), county B's records are "out". An operation
 * without an entry fails with the entry to add. Besides the status, every answer to a county-A
 * actor is checked not to contain any of county B's record ids.
 *
 * `MATRIX_PRINT=/tmp/matrix.jsonl` writes what the server answers now (one line per operation), to review a change.
 */
const ctx = await createTestContext({ loginRatePerMinute: 10_000 });
await ctx.app.ready();
const document = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));

let fixtures: Promise<{ a: CountyFixture; b: CountyFixture }> | undefined;
const both = () => (fixtures ??= (async () => ({ a: await buildCountyFixture(ctx), b: await buildCountyFixture(ctx) }))());

let address = 0;
function outcomeOf(status: number): Outcome {
  if (status === 401 || status === 403 || status === 404) return status;
  return 'allow';
}

/**
 * What a cell expects: the table's outcome, or, while a finding owned by another item is open (a
 * `knownIssues` marker), the outcome of today — so the test fails when the fix lands, and the
 * marker is dropped then.
 */
function expectedIn(operation: string, role: Role, region: 'in' | 'out', written: Outcome): Outcome {
  const known = AUTHORIZATION_MATRIX[operation]?.knownIssues?.find((k) => k.role === ROLE_COLUMNS[role] && k.region === region);
  return known ? known.today : written;
}

function idsOf(f: CountyFixture): string[] {
  return [f.household.id, f.memberId, f.caseId, f.caseAttachmentId, f.warningId, f.visitReportId, f.visitAttachmentId, f.registryBatchId, f.departmentBatchId, f.importJobId, f.household.householdNumber, f.county.code, f.villageCode];
}

describe('authorization matrix (OpenAPI operations × roles × region)', () => {
  it('the table has no entry for an operation that no longer exists', () => {
    const stale = Object.keys(AUTHORIZATION_MATRIX).filter((key) => !operations.includes(key));
    expect(stale, 'entries in authorization-matrix.ts for operations the API no longer has: remove them').toEqual([]);
  });

  it.each(operations)('%s', async (operation) => {
    const entry = AUTHORIZATION_MATRIX[operation];
    if (!entry) {
      throw new Error(
        `No authorization-matrix entry for "${operation}". Add one to packages/server/test/authorization-matrix.ts: ` +
          `the request to send (ids from the fixture) and, for every role, the outcome in and out of its region ('allow' | 401 | 403 | 404), plus 'anonymous'.`,
      );
    }
    const { a, b } = await both();
    const [method, path] = operation.split(' ') as [string, string];
    const forbiddenIds = idsOf(b);
    const send = async (fixture: CountyFixture, cookie: string | undefined) => {
      const request = await entry.request(fixture, a, ctx);
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        const value = request.params?.[name];
        if (value === undefined) throw new Error(`${operation}: the entry gives no value for {${name}}`);
        return encodeURIComponent(value);
      });
      const options: InjectOptions = {
        method,
        url,
        query: request.query ?? {},
        headers: { ...(cookie ? { cookie } : {}), ...(request.multipart?.headers ?? {}) },
        // A distinct client address per request: the per-address rate limits are not what this tests.
        remoteAddress: `10.${(++address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`,
      };
      if (request.multipart) options.payload = request.multipart.payload;
      else if (request.body !== undefined) options.payload = request.body as InjectOptions['payload'];
      return ctx.app.inject(options);
    };

    const observed: { column: string; expected: Outcome; got: Outcome; status: number; body: string }[] = [];
    const check = (column: string, written: Outcome, response: { statusCode: number; body: string; json: () => unknown }) => {
      expect(response.statusCode, `${operation} as ${column}: a server error\n${response.body.slice(0, 500)}`).not.toBe(500);
      let body: unknown;
      try {
        body = response.json();
      } catch {
        body = undefined;
      }
      const got = entry.outcome?.(response.statusCode, body) ?? outcomeOf(response.statusCode);
      observed.push({ column, expected: written, got, status: response.statusCode, body: response.body.slice(0, 300) });
    };

    for (const role of ROLES) {
      const [inRegion, outOfRegion] = entry.roles[ROLE_COLUMNS[role]];
      const cookie = entry.freshSession ? await freshCookie(a, role) : a.users[role].cookie;
      const answer = await send(a, cookie);
      check(`${role} (in region)`, expectedIn(operation, role, 'in', inRegion), answer);
      if (answer.statusCode < 300) {
        const leaked = forbiddenIds.filter((id) => answer.body.includes(id));
        expect(leaked, `${operation} as ${role} shows records of another county`).toEqual([]);
      }
      if (entry.regionless) continue;
      const cookieOut = entry.freshSession ? await freshCookie(a, role) : a.users[role].cookie;
      check(`${role} (out of region)`, expectedIn(operation, role, 'out', outOfRegion), await send(b, cookieOut));
    }
    check('no session', entry.anonymous, await send(a, undefined));

    if (process.env.MATRIX_PRINT) {
      // One JSON line per operation: what the server answers now, to review against the table.
      const got = Object.fromEntries(ROLES.map((role) => [ROLE_COLUMNS[role], observed.filter((o) => o.column.startsWith(`${role} (`)).map((o) => `${o.got}${o.got === 'allow' ? `(${o.status})` : ''}`).join('/')]));
      fs.appendFileSync(process.env.MATRIX_PRINT, JSON.stringify({ operation, got, anonymous: observed.at(-1)!.got }) + '\n');
    }
    const wrong = observed.filter((o) => o.got !== o.expected);
    expect(
      wrong.map((o) => `${o.column}: expected ${o.expected}, got ${o.status} ${o.body}`),
      `${operation}: outcomes differ from authorization-matrix.ts`,
    ).toEqual([]);
  });
});

async function freshCookie(fixture: CountyFixture, role: Role): Promise<string> {
  const user = fixture.users[role];
  const r = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: user.password }, remoteAddress: '10.255.255.1' });
  const cookie = r.cookies.find((c) => c.name === 'fangpin_session');
  if (!cookie) throw new Error(`login of ${user.username} failed: ${r.body}`);
  return `fangpin_session=${cookie.value}`;
}
