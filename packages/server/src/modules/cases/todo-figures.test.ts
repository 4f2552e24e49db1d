import { DUE_SOON_DAYS, IDENTIFICATION_STEPS, type Actor, type IdentificationStep, type Role } from '@fangpin/domain';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildCounty, buildHousehold, buildUser, buildUserAndLogin, buildWarning, type TestCounty } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { findWarningsToHandle } from '../department/warnings-repo.ts';
import { insertVersions } from '../rules/repo.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { TODO_LIST_SIZE, todoFor, todoReads } from './case-view.ts';
import { countTodo, findEliminationsToHandle, findTodoFigures } from './view-repo.ts';

// Issue 10, fourth round: the to-do reads its counts, warnings, eliminations and the key of the rule
// set it used in one statement, and keeps the rule set in force in the process between requests
// (docs/design/search-and-todo-performance.md "Fourth round"). The one statement must say what the
// separate reads say, for every role; a rule set stored by anyone must reach the next to-do.

let ctx: TestContext;
let county: TestCounty;
const TODAY = '2026-11-20';

type Todo = { items: { id: string; group: string }[]; total: number; overdue: number; dueSoon: number; visitReports: number; callbacksDue: number; warningsToDispatch: number; warningsToVerify: number; warnings: { id: string }[]; eliminationsTotal: number; eliminations: { id: string }[]; count: number };

const after = (days: number) => {
  const d = new Date(`${TODAY}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.now = new Date(`${TODAY}T02:00:00Z`);
  county = await buildCounty(ctx.pool);
  // Two cases at every step of the procedure, spread over the four villages; their deadlines are then
  // set so that every group holds cases of many steps: late, due today, due soon, later, and none.
  const steps = IDENTIFICATION_STEPS.filter((s) => s !== 'closed' && s !== 'withdrawn');
  const built: { id: string; step: IdentificationStep }[] = [];
  for (const [i, step] of [...steps, ...steps].entries()) built.push({ id: (await buildCase(ctx, county, { step, clueDate: '2026-10-01', villageIndex: i % 4 })).id, step });
  const deadlines: [string, string | null][] = [
    [after(-10), null],
    [after(30), after(0)],
    [after(DUE_SOON_DAYS), after(40)],
    [after(40), null],
    [after(40), after(-1)],
  ];
  for (const [i, c] of built.entries()) {
    const [dueOn, stepDueOn] = deadlines[i % deadlines.length]!;
    await ctx.pool.query(`UPDATE cases SET due_on = $2, step_due_on = $3 WHERE id = $1`, [c.id, dueOn, stepDueOn]);
  }
  // A closed and a withdrawn case: counted by no one.
  await buildCase(ctx, county, { step: 'closed', clueDate: '2026-09-01' });
  await buildCase(ctx, county, { step: 'withdrawn', clueDate: '2026-09-01' });
  // Warnings to dispatch and to verify, visit reports to review, callbacks due (and one not yet due),
  // running eliminations at several steps (and a decided one), in both townships.
  for (const [i, village] of county.villages.entries()) {
    const household = await buildHousehold(ctx, { villageCode: village.code });
    await buildWarning(ctx.pool, { household, status: 'new', dueOn: after(i) });
    await buildWarning(ctx.pool, { household, status: 'dispatched', ...(i % 2 === 0 ? {} : { dueOn: after(-i) }) });
    await ctx.pool.query(
      `INSERT INTO visit_reports (client_id, county_code, region_code, household_id, visited_on, visitor_name, observed, status)
       SELECT $1 || n, $2, $3, $4, $5, '网格员', '家中有人住院', s FROM unnest(ARRAY['submitted', 'submitted', 'forwarded']) WITH ORDINALITY AS x(s, n)`,
      [`figures-${household.id}`, county.countyCode, village.code, household.id, after(-2)],
    );
    await ctx.pool.query(
      `INSERT INTO hotline_calls (county_code, region_code, household_id, called_at, caller_name, content, result, handler_name, callback_due_on, status)
       SELECT $1, $2, $3, now(), '来电人', '咨询政策', 'answered', '接线员', d, 'open' FROM unnest(ARRAY[$4::date, $5::date]) d`,
      [county.countyCode, village.code, household.id, after(-i), after(i + 1)],
    );
    for (const [j, [step, stepDueOn]] of ([['proposed', null], ['homeVerification', after(i)], ['countyApproval', after(2)], ['eliminated', null]] as const).entries()) {
      await ctx.pool.query(
        `INSERT INTO cases (case_number, county_code, region_code, household_id, kind, step, state, clue_date, step_due_on, due_on)
         VALUES ($1, $2, $3, $4, 'elimination', $5, '{}', $6, $7, $8)`,
        [`${county.countyCode}-E-${i}${j}`, county.countyCode, village.code, household.id, step, after(-5 - j), stepDueOn, after(10)],
      );
    }
  }
}, 240_000);

describe('the to-do in two statements', () => {
  it('its one statement of counts, warnings and eliminations says what the separate reads say, for every role, and its groups are the case list’s filters', async () => {
    const ruleSet = await ruleSetInForce(ctx.pool, county.code, TODAY);
    const [t1, t2] = county.townships;
    const [v1, , v3] = county.villages;
    const who: [Role, string][] = [
      ['county-admin', county.countyCode],
      ['county-monitor', county.countyCode],
      ['township-officer', t1!.code],
      ['township-officer', t2!.code],
      ['village-cadre', v1!.code],
      ['village-cadre', v3!.code],
      ['leader', county.countyCode],
    ];
    const seen = { overdue: 0, soon: 0, others: 0, warnings: 0, eliminations: 0, visitReports: 0, callbacksDue: 0 };
    for (const [role, regionCode] of who) {
      const user = await buildUser(ctx.pool, { role, regionCode });
      const actor: Actor = { userId: user.id, username: user.username, role, regionCode };
      const { scope, steps, wants, eliminationSteps } = todoReads(actor, ruleSet);
      const one = await findTodoFigures(ctx.pool, scope, TODAY, steps, wants, eliminationSteps, TODO_LIST_SIZE, county.code);
      const { ruleSetKey, warnings, eliminations, ...counts } = one;
      expect(ruleSetKey, role).toMatch(/^\d+\/[\d.]+$/);
      expect(counts, `${role} ${regionCode}`).toEqual(await countTodo(ctx.pool, scope, TODAY, steps, wants));
      expect(warnings, `${role} ${regionCode}`).toEqual(await findWarningsToHandle(ctx.pool, scope, wants.warningStatuses, TODO_LIST_SIZE));
      expect(eliminations, `${role} ${regionCode}`).toEqual(await findEliminationsToHandle(ctx.pool, scope, eliminationSteps, TODO_LIST_SIZE));
      // The short lists are cut at their size like the separate reads.
      const short = await findTodoFigures(ctx.pool, scope, TODAY, steps, wants, eliminationSteps, 1, county.code);
      expect(short.warnings).toEqual(await findWarningsToHandle(ctx.pool, scope, wants.warningStatuses, 1));
      expect(short.eliminations).toEqual(await findEliminationsToHandle(ctx.pool, scope, eliminationSteps, 1));

      // Over HTTP: each group's count is the case list's total for its filter over the role's steps.
      const login = await buildUserAndLogin(ctx, { role, regionCode });
      const get = async <T,>(url: string) => {
        const r = await ctx.app.inject({ method: 'GET', url, headers: { cookie: login.cookie } });
        expect(r.statusCode, `${role} ${url}: ${r.body}`).toBe(200);
        return r.json<T>();
      };
      const todo = await get<Todo>('/api/cases/todo');
      const listed = async (filter: string) => {
        let n = 0;
        for (const step of steps) n += (await get<{ total: number }>(`/api/cases?step=${step}${filter}&pageSize=1`)).total;
        return n;
      };
      expect([todo.total, todo.overdue, todo.dueSoon], `${role} ${regionCode}`).toEqual([await listed(''), await listed('&due=overdue'), await listed('&due=soon')]);
      expect({ ...todo, items: undefined }, `${role} ${regionCode}`).toEqual({
        ...counts,
        items: undefined,
        warnings: expect.any(Array),
        eliminationsTotal: eliminations.total,
        eliminations: eliminations.rows,
        count: counts.total + counts.warningsToDispatch + counts.warningsToVerify + counts.visitReports + counts.callbacksDue + eliminations.total,
      });
      expect(todo.warnings.map((w) => w.id)).toEqual(warnings.map((w) => w.id));
      for (const group of ['overdue', 'soon', 'others'] as const) seen[group] += todo.items.filter((i) => i.group === group).length;
      seen.warnings += warnings.length;
      seen.eliminations += eliminations.total;
      seen.visitReports += counts.visitReports;
      seen.callbacksDue += counts.callbacksDue;
    }
    // The comparison covered something in every group and list.
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  });

  it('a rule set stored by anyone (here straight into the table, as another process or the CLI would) is seen by the next to-do', async () => {
    // A county of its own: its rule set changes here.
    const own = await buildCounty(ctx.pool);
    const notice = await buildCase(ctx, own, { step: 'publicNotice', clueDate: '2026-11-01', villageIndex: 0 });
    const township = await buildUserAndLogin(ctx, { role: 'township-officer', regionCode: own.townships[0]!.code });
    const village = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: own.villages[0]!.code });
    const todoOf = async (login: { cookie: string }) => (await ctx.app.inject({ method: 'GET', url: '/api/cases/todo', headers: { cookie: login.cookie } })).json<Todo>();
    const level = (await ruleSetInForce(ctx.pool, own.code, TODAY)).noticeLevel;
    // Who posts the notice follows the notice level: the village or the township.
    const [poster, other, flipped] = level === 'village' ? [village, township, 'township' as const] : [township, village, 'village' as const];
    // Read twice: the second to-do uses the rule set the first one kept.
    for (let i = 0; i < 2; i++) {
      expect((await todoOf(poster)).items.map((c) => c.id)).toContain(notice.id);
      expect((await todoOf(other)).items.map((c) => c.id)).not.toContain(notice.id);
    }
    await insertVersions(ctx.pool, [{ version: `${own.countyCode}-notice-${flipped}`, regionCode: own.countyCode, effectiveFrom: '2026-11-01', rules: { noticeLevel: flipped }, createdBy: 'test' }]);
    expect((await ruleSetInForce(ctx.pool, own.code, TODAY)).noticeLevel).toBe(flipped);
    expect((await todoOf(other)).items.map((c) => c.id)).toContain(notice.id);
    expect((await todoOf(poster)).items.map((c) => c.id)).not.toContain(notice.id);
  });

  it('runs two statements once the rule set is kept, three when it reads the rule set, five when the key it kept is stale', async () => {
    const own = await buildCounty(ctx.pool);
    await buildCase(ctx, own, { step: 'homeVerification', clueDate: '2026-11-01', villageIndex: 1 });
    const user = await buildUser(ctx.pool, { role: 'county-monitor', regionCode: own.countyCode });
    const actor: Actor = { userId: user.id, username: user.username, role: 'county-monitor', regionCode: own.countyCode };
    const client = await ctx.pool.connect();
    try {
      let statements = 0;
      // The client, counting what it is sent (one at a time: readAll runs a client's reads in turn).
      const counted = new Proxy(client, {
        get: (target, key) => (key === 'query' ? (...args: Parameters<pg.PoolClient['query']>) => (statements++, target.query(...args)) : Reflect.get(target, key)),
      });
      const run = async () => {
        statements = 0;
        const todo = await todoFor(counted, actor, TODAY);
        return [statements, todo.total] as const;
      };
      expect(await run()).toEqual([3, 1]);
      expect(await run()).toEqual([2, 1]);
      await insertVersions(ctx.pool, [{ version: `${own.countyCode}-later`, regionCode: own.countyCode, effectiveFrom: '2026-11-01', rules: { noticeDays: 7 }, createdBy: 'test' }]);
      expect(await run()).toEqual([5, 1]);
      expect(await run()).toEqual([2, 1]);
    } finally {
      client.release();
    }
  });
});
