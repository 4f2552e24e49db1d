import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/test-app.ts';
import { findCaseClues } from '../modules/cases/view-repo.ts';
import { countyRegion } from '../modules/stats/kept-parts.ts';
import { funnelFigures } from '../modules/stats/repo.ts';
import { nextDigitString, regionPrefixCondition } from '../modules/registry/scope-sql.ts';
import type { Tx } from './client.ts';

/**
 * Statements that look rows up by a column must find an index for it: on a test database every
 * table is small and a sequential scan is cheap, so a missing index shows only at a county's or a
 * province's size (the case page's clue list read all 116,699 self-applications for each clue of
 * a case at the 10,000,000-person benchmark). Here sequential scans are priced out
 * (`enable_seqscan = off`): PostgreSQL still reads a table whole when no index can serve the
 * condition, and that is what the plans are checked for.
 */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx.app.close();
});

/** The plans of the statements `work` sends, each explained (not run) with sequential scans priced out. */
async function plansOf(pool: pg.Pool, work: (tx: Tx) => Promise<unknown>): Promise<string[]> {
  const client = await pool.connect();
  const plans: string[] = [];
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL enable_seqscan = off');
    const explaining = {
      query: async (text: string, params?: unknown[]) => {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, params);
        plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
        return { rows: [], rowCount: 0 };
      },
    };
    await work(explaining as unknown as Tx);
  } finally {
    await client.query('ROLLBACK');
    client.release();
  }
  return plans;
}

describe('look-ups by a column go through an index', () => {
  it("the case page's clue list finds each clue's self-application by index", async () => {
    const plans = await plansOf(ctx.pool, (tx) => findCaseClues(tx, '00000000-0000-4000-8000-000000000001'));
    expect(plans).toHaveLength(1);
    expect(plans[0]).toContain('self_applications');
    expect(plans[0]).not.toMatch(/Seq Scan on (self_applications|visit_reports|hotline_calls|warnings|clues)\b/);
  });

  it("the statistics' funnel counts one county's reports of every channel by index", async () => {
    const plans = await plansOf(ctx.pool, (tx) => funnelFigures(tx, { ...countyRegion('451028'), asOf: '2026-10-31' }));
    const reports = plans.find((p) => p.includes('self_applications'));
    expect(reports).toBeDefined();
    expect(reports).not.toMatch(/Seq Scan on (self_applications|visit_reports|hotline_calls|warnings)\b/);
  });

  it("a township's or a village's statistics bound the (county, region) index on both columns", async () => {
    // The condition every statistics statement puts on its region (household_stats's summary rows
    // are where the monitoring figures and the trend start at a province's size).
    for (const prefix of ['451028101201', '451028101']) {
      const params: unknown[] = [];
      const condition = regionPrefixCondition('s', prefix, params);
      const plans = await plansOf(ctx.pool, (tx) => tx.query(`SELECT count(*) FROM household_stats s WHERE ${condition}`, params));
      expect(plans[0]).toMatch(new RegExp(`Index Cond: [^\\n]*county_code[^\\n]*region_code\\)?(::text)? >= '${prefix}'`));
    }
  });
});

describe('nextDigitString', () => {
  it('is the next digit string of the same length, or null', () => {
    expect(nextDigitString('4510281012')).toBe('4510281013');
    expect(nextDigitString('451029')).toBe('451030');
    expect(nextDigitString('4519999')).toBe('4520000');
    expect(nextDigitString('999')).toBeNull();
    expect(nextDigitString('45a1')).toBeNull();
  });
});
