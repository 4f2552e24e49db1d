import { MIN_ID_CANDIDATES, ROLES, roleAllows, type Role } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { candidatesFor, hasBirthDate, xlsxText } from '../id-rebuild.ts';
import { buildActivity, type Activity } from '../personal-data-activity.ts';
import { createTestContext, type TestContext } from '../test-app.ts';

/**
 * Issue #10 item 1: nothing a role without the reveal right receives — across every endpoint, print
 * and export together — narrows a person's ID number to fewer than 10,000 candidates. Every GET
 * operation of the OpenAPI document is called as every role (a new operation is covered without
 * being listed here; one whose path parameter this test cannot fill fails it), all the text that
 * comes back is pooled per role, and for every person who went into the system the ID numbers
 * consistent with that text (plus the county, the birth year and the sex, assumed known) are counted.
 */
let ctx: TestContext;
let activity: Activity;
const received = new Map<Role, { text: string; calls: string[] }>();

/** A value for every path parameter of the API, by operation path. */
function fill(path: string, a: Activity): string[] {
  const ids = a.ids;
  const byPath: Record<string, string[]> = {
    '/api/households/{id}': a.householdIds,
    '/api/households/{id}/history': a.householdIds,
    '/api/households/{id}/monitoring': a.householdIds,
    '/api/households/{id}/helper-candidates': a.householdIds,
    '/api/households/{id}/helper-visits': a.householdIds,
    '/api/households/{id}/file': a.householdIds,
    '/api/households/{id}/file.xlsx': a.householdIds,
    '/api/households/{id}/elimination-check': a.householdIds,
    '/api/households/{id}/eliminations': a.householdIds,
    '/api/eliminations/{id}': ['00000000-0000-4000-8000-000000000000'],
    '/api/eliminations/{id}/notice': ['00000000-0000-4000-8000-000000000000'],
    '/api/users/{id}/sessions': [a.logins['village-cadre'].user.id],
    '/api/reports/{name}': ['monitoring-objects.xlsx', 'measures.xlsx', 'eliminations.xlsx', 'hotline.xlsx'],
    '/api/cases/{id}': [ids.caseId, ids.visitCaseId],
    '/api/cases/{id}/notice': [ids.caseId],
    // Several parameters: their values in order, joined by '|'.
    '/api/cases/{id}/drafts/{eventType}': [`${ids.caseId}|recordVerification`],
    '/api/warnings/{id}/rows': [ids.warningId],
    '/api/department-batches/{id}/errors.xlsx': [ids.departmentBatchId],
    '/api/imports/{batchId}/errors.xlsx': [ids.registryBatchId],
    '/api/attachments/{id}': [ids.caseAttachmentId, ids.visitAttachmentId],
    '/api/import-jobs/{id}': ['00000000-0000-4000-8000-000000000000'],
    '/api/regions/{code}/application-qr.svg': [ids.villageCode],
    '/api/public/villages/{code}': [ids.villageCode],
    '/api/public/applications/{referenceNo}': [ids.referenceNo],
    '/api/department-sources/{source}/settings': ['medical'],
  };
  const filled = byPath[path];
  if (filled) return filled.map((value) => value.split('|').reduce((url, part) => url.replace(/\{[^}]+\}/, part), path));
  if (/\{/.test(path)) throw new Error(`rebuild-from-responses: add a value for the parameters of ${path}`);
  return [path];
}

/** Query strings to call a path with (every list also once without any). */
function queries(path: string, a: Activity): string[] {
  const head = a.persons.find((p) => p.memberId === a.ids.headMemberId)!;
  const byPath: Record<string, string[]> = {
    '/api/households': ['', `?q=${encodeURIComponent(head.name!)}`, `?q=${a.ids.householdNumber}`, `?pageSize=200`],
    '/api/warnings': ['', `?householdId=${a.ids.householdId}`],
    '/api/cases': ['', '?status=all'],
    '/api/audit': ['?pageSize=500'],
    '/api/visit-reports': [''],
    '/api/rule-sets/in-force': [`?regionCode=${a.ids.villageCode}&date=2026-11-02`],
    '/api/public/villages': [`?county=${a.county.countyCode}`],
    '/api/public/applications/{referenceNo}': [`?phone=${a.ids.applicationPhone}`],
    '/api/calendar/add-working-days': ['?from=2026-11-02&days=5'],
    '/api/regions': [''],
    // The deadline board names households (head, village): every kind and both statuses.
    '/api/stats/deadlines': ['', '?status=overdue', '?status=dueSoon', '?kind=helperVisit', '?kind=callback', '?kind=warning'],
  };
  return byPath[path] ?? [''];
}

beforeAll(async () => {
  ctx = await createTestContext();
  activity = await buildActivity(ctx);
  const doc = (await ctx.app.inject({ url: '/api/openapi.json' })).json<{
    paths: Record<string, Record<string, unknown>>;
  }>();
  const operations = Object.entries(doc.paths)
    .filter(([, ops]) => 'get' in ops)
    .map(([p]) => `/api${p.replace(/^\/api/, '')}`);
  expect(operations.length).toBeGreaterThan(20);
  for (const role of ROLES) {
    const texts: string[] = [];
    const calls: string[] = [];
    for (const operation of operations) {
      for (const url of fill(operation, activity)) {
        for (const query of queries(operation, activity)) {
          const response = await ctx.app.inject({
            url: url + query,
            headers: { cookie: activity.logins[role].cookie },
          });
          calls.push(`${response.statusCode} ${url}${query}`);
          expect(response.statusCode, `${role} GET ${url}${query}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          const type = String(response.headers['content-type'] ?? '');
          if (type.includes('spreadsheetml')) texts.push(await xlsxText(response.rawPayload));
          else if (type.startsWith('image/') || type.includes('pdf')) continue;
          else texts.push(response.body);
        }
      }
    }
    received.set(role, { text: texts.join('\n'), calls });
  }
}, 300_000);

describe('what each role receives does not give ID numbers away', () => {
  it('the scan reached the person data: household, case, notice, warning rows, visits, calls and their export, import errors', () => {
    const admin = received.get('county-admin')!.calls;
    for (const path of [
      '/households/',
      '/history',
      '/cases/',
      '/notice',
      '/rows',
      '/visit-reports',
      '/hotline-calls/export.xlsx',
      '/errors.xlsx',
      '/attachments/',
    ]) {
      expect(
        admin.some((c) => c.startsWith('200 ') && c.includes(path)),
        path,
      ).toBe(true);
    }
    const leader = received.get('leader')!.calls;
    expect(leader.some((c) => c.startsWith('200 /api/households/'))).toBe(true);
    expect(leader.some((c) => c.startsWith('200 /api/cases/'))).toBe(true);
    expect(received.get('helping-cadre')!.calls.some((c) => c.startsWith('200 /api/visit-reports'))).toBe(true);
  });

  it.each(ROLES.filter((role) => !roleAllows(role, 'member.reveal')))(
    '%s (no reveal right): every person keeps ≥ 10,000 candidate ID numbers',
    (role) => {
      const { text } = received.get(role)!;
      const failures = activity.persons
        .map((p) => ({ p, ...candidatesFor(text, p) }))
        .filter((r) => r.candidates < MIN_ID_CANDIDATES)
        .map(
          (r) =>
            `${r.p.name ?? '?'} ${r.p.idNumber}: ${r.candidates} candidates (forms seen: ${r.forms.join(', ') || 'none'}; birth date seen: ${r.sawBirthDate})`,
        );
      expect(failures).toEqual([]);
    },
  );

  it.each(ROLES)('%s: no full birth date, and without the reveal right no full phone', (role) => {
    const { text } = received.get(role)!;
    expect(
      activity.persons.filter((p) => hasBirthDate(text, p.birthDate)).map((p) => `${p.name} ${p.birthDate}`),
    ).toEqual([]);
    if (!roleAllows(role, 'member.reveal')) expect(activity.phones.filter((phone) => text.includes(phone))).toEqual([]);
  });
});
