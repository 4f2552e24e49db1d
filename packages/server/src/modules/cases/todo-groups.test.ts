import { DUE_SOON_DAYS, TODO_GROUP_SIZE } from '@fangpin/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCase, buildCounty, buildUserAndLogin } from '../../../test/factories.ts';
import { createTestContext, type TestContext } from '../../../test/test-app.ts';
import { dueSoonSql, overdueSql } from './deadline-sql.ts';

// Issue 10: the to-do of a county with thousands of open cases listed up to 500 of them with every
// field (285 KB, 0.8 s at 3,000,000 persons) and the page counted its groups from what it got, so
// past 500 its counts were wrong. Now the server counts each group and lists the nearest deadlines
// of each, tagged with the group it counted them in.

let ctx: TestContext;
type Item = { id: string; group: 'overdue' | 'soon' | 'others'; dueOn: string; stepDueOn: string | null };

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.now = new Date('2026-11-20T02:00:00Z');
});

describe('the to-do lists the nearest deadlines of each group and counts them all', () => {
  it('more late cases than a group lists: every one counted, the nearest listed, groups as the case list filters them', async () => {
    const county = await buildCounty(ctx.pool);
    const late = TODO_GROUP_SIZE + 2;
    for (let i = 0; i < late; i++) await buildCase(ctx, county, { step: 'clueRegistered', clueDate: `2026-10-${String(1 + i).padStart(2, '0')}`, villageIndex: i % 4 });
    for (let i = 0; i < 3; i++) await buildCase(ctx, county, { step: 'clueRegistered', clueDate: '2026-11-20', villageIndex: i });
    const admin = await buildUserAndLogin(ctx, { role: 'county-admin', regionCode: county.countyCode });
    const r = await ctx.app.inject({ method: 'GET', url: '/api/cases/todo', headers: { cookie: admin.cookie } });
    expect(r.statusCode, r.body).toBe(200);
    const todo = r.json<{ items: Item[]; total: number; overdue: number; dueSoon: number }>();
    expect(todo.total).toBe(late + 3);
    expect(todo.overdue).toBe(late);
    const of = (group: Item['group']) => todo.items.filter((i) => i.group === group);
    // Each group lists at most TODO_GROUP_SIZE, all of it when it has fewer.
    expect(of('overdue')).toHaveLength(TODO_GROUP_SIZE);
    expect(of('soon')).toHaveLength(todo.dueSoon);
    expect(of('others')).toHaveLength(todo.total - todo.overdue - todo.dueSoon);
    // Late cases first, each group nearest deadline first: the two late cases left out are the latest clues.
    const nearest = (i: Item) => (i.stepDueOn !== null && i.stepDueOn < i.dueOn ? i.stepDueOn : i.dueOn);
    expect(todo.items.map((i) => i.group)).toEqual([...of('overdue'), ...of('soon'), ...of('others')].map((i) => i.group));
    for (const group of ['overdue', 'soon', 'others'] as const) {
      const days = of(group).map(nearest);
      expect(days).toEqual([...days].sort());
    }
    // The groups are the case list's own filters.
    const list = async (due: string) => {
      const page = await ctx.app.inject({ method: 'GET', url: `/api/cases?due=${due}&pageSize=500`, headers: { cookie: admin.cookie } });
      return page.json<{ items: { id: string }[]; total: number }>();
    };
    const overdue = await list('overdue');
    const soon = await list('soon');
    expect(overdue.total).toBe(todo.overdue);
    expect(soon.total).toBe(todo.dueSoon);
    for (const item of of('overdue')) expect(overdue.items.map((i) => i.id)).toContain(item.id);
    for (const item of of('soon')) expect(soon.items.map((i) => i.id)).toContain(item.id);
    for (const item of of('others')) expect([...overdue.items, ...soon.items].map((i) => i.id)).not.toContain(item.id);
  });

  it('at the callback step only the callback’s own deadline counts: due soon by it, not by the 15-day limit it has left behind', async () => {
    const county = await buildCounty(ctx.pool);
    // Both decided long ago (the 15 days ran out on 2026-10-20 and on 2026-11-21); what is due now is the callback.
    const callbackSoon = await buildCase(ctx, county, { step: 'callback', clueDate: '2026-10-05' });
    const callbackLater = await buildCase(ctx, county, { step: 'callback', clueDate: '2026-11-06' });
    await ctx.pool.query(`UPDATE cases SET due_on = '2026-10-20', step_due_on = '2026-11-21' WHERE id = $1`, [callbackSoon.id]);
    await ctx.pool.query(`UPDATE cases SET due_on = '2026-11-21', step_due_on = '2026-12-15' WHERE id = $1`, [callbackLater.id]);
    // The county centre's monitor calls back (its to-do holds the callbacks).
    const monitor = await buildUserAndLogin(ctx, { role: 'county-monitor', regionCode: county.countyCode });
    const get = async (url: string) => (await ctx.app.inject({ method: 'GET', url, headers: { cookie: monitor.cookie } })).json<{ items: { id: string; group?: string }[]; total: number; overdue?: number; dueSoon?: number }>();
    const soon = await get('/api/cases?due=soon&pageSize=500');
    expect(soon.items.map((i) => i.id)).toEqual([callbackSoon.id]);
    expect((await get('/api/cases?due=overdue&pageSize=500')).total).toBe(0);
    const todo = await get('/api/cases/todo');
    expect([todo.overdue, todo.dueSoon]).toEqual([0, 1]);
    expect(Object.fromEntries(todo.items.map((i) => [i.id, i.group]))).toEqual({ [callbackSoon.id]: 'soon', [callbackLater.id]: 'others' });
  });

  it('the stored first deadline (cases.nearest_due_on) reads late and due soon as the two deadlines do, for every step and combination, and follows their changes', async () => {
    const county = await buildCounty(ctx.pool);
    // Today 2026-11-20; due soon is within DUE_SOON_DAYS. Each deadline: none, past, today, soon, later.
    const days = [null, '2026-11-10', '2026-11-20', '2026-11-22', '2026-12-30'];
    const ids: string[] = [];
    for (const step of ['callback', 'homeVerification'] as const) {
      for (const dueOn of days.filter((d) => d !== null)) {
        for (const stepDueOn of days) {
          const c = await buildCase(ctx, county, { step, clueDate: '2026-11-01' });
          await ctx.pool.query(`UPDATE cases SET due_on = $2, step_due_on = $3 WHERE id = $1`, [c.id, dueOn, stepDueOn]);
          ids.push(c.id);
        }
      }
    }
    // The two deadlines as read before the column was stored (the definitions of docs/statistics.md "Open cases").
    const { rows } = await ctx.pool.query<{ id: string; late: boolean; soon: boolean; storedLate: boolean; storedSoon: boolean }>(
      `SELECT c.id,
         coalesce((c.step <> 'callback' AND c.due_on < $2::date) OR c.step_due_on < $2::date, false) AS late,
         coalesce((CASE WHEN c.step = 'callback' THEN c.step_due_on ELSE LEAST(c.due_on, coalesce(c.step_due_on, c.due_on)) END) BETWEEN $2::date AND $2::date + $3::int, false) AS soon,
         coalesce(${overdueSql('$2::date')}, false) AS "storedLate", coalesce(${dueSoonSql('$2::date', '$3::int')}, false) AS "storedSoon"
       FROM cases c WHERE c.id = ANY($1::uuid[])`,
      [ids, '2026-11-20', DUE_SOON_DAYS],
    );
    expect(rows).toHaveLength(2 * 4 * 5);
    for (const r of rows) expect([r.storedLate, r.storedSoon], r.id).toEqual([r.late, r.soon]);
    // Both kinds occur, and a change of either deadline moves the stored one with it.
    expect(rows.filter((r) => r.late).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.soon).length).toBeGreaterThan(0);
    await ctx.pool.query(`UPDATE cases SET step_due_on = '2026-11-01' WHERE id = $1`, [ids[0]]);
    const { rows: moved } = await ctx.pool.query<{ late: boolean }>(`SELECT ${overdueSql("'2026-11-20'::date")} AS late FROM cases c WHERE c.id = $1`, [ids[0]]);
    expect(moved[0]!.late).toBe(true);
  });
});
