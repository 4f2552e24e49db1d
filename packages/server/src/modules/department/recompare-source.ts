import { DEPARTMENT_SOURCES, type DepartmentSourceCode } from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction } from '../../db/client.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { lockDepartmentSource } from './source-lock.ts';
import { recordSignals, rollingSumSignals, ruleSetCache, upsertWarnings, type Signal } from './raise-warnings.ts';

/**
 * Re-runs a source's signal rule over the rows already stored, without a new file: for rolling
 * sums (medical), the 12 months ending `today` (a month later, old settlements leave the window
 * and the warning of the new month says so); for the other sources, each household's rows of its
 * latest batch. Every household with matched rows of the source is judged (only those of
 * `countyCode` when given), each under its own county's rule set, and warnings for the month of
 * `today` are raised or updated exactly as an import would. Existing warnings keep their batch
 * links; a new one links the household's latest batch. One transaction, serialised with imports
 * of the source.
 */
export async function recompareSource(
  deps: { pool: pg.Pool; cipher: PersonalDataCipher; today: string },
  sourceCode: DepartmentSourceCode,
  countyCode: string | null,
): Promise<{ households: number; warnings: number; newWarnings: number }> {
  const source = DEPARTMENT_SOURCES[sourceCode];
  return withTransaction(deps.pool, async (tx) => {
    await lockDepartmentSource(tx, sourceCode, countyCode);
    await tx.query(`SET LOCAL work_mem = '256MB'`);
    const params: unknown[] = [sourceCode];
    if (countyCode) params.push(countyCode);
    const inCounty = countyCode ? 'AND r.county_code = $2' : '';
    // Each household with stored matched rows of the source, with its latest batch.
    await tx.query(
      `CREATE TEMP TABLE department_recompare_households ON COMMIT DROP AS
       SELECT DISTINCT ON (r.household_id) r.household_id, r.county_code, r.batch_id
       FROM department_rows r JOIN department_batches b ON b.id = r.batch_id
       WHERE r.source = $1 AND r.fate = 'matched' ${inCounty}
       ORDER BY r.household_id, b.created_at DESC, b.id`,
      params,
    );
    await tx.query('ANALYZE department_recompare_households');
    const { rows: found } = await tx.query<{ householdId: string; batchId: string; countyCode: string }>(
      `SELECT household_id AS "householdId", batch_id AS "batchId", county_code AS "countyCode" FROM department_recompare_households`,
    );
    const batchOf = new Map(found.map((h) => [h.householdId, h.batchId]));
    let counted = { touched: 0, created: 0 };
    if (source.signal !== 'none' && found.length > 0) {
      const ruleSetOf = ruleSetCache(tx, deps.today);
      let signals: Signal[];
      if (source.signal === 'rollingSum') {
        const counties = [...new Set(found.map((h) => h.countyCode))];
        signals = await rollingSumSignals(tx, deps.today, source, counties, ruleSetOf, {
          households: { sql: 'r.household_id IN (SELECT household_id FROM department_recompare_households)', params: [] },
        });
      } else {
        const { rows } = await tx.query<{ householdId: string; countyCode: string; values: Record<string, string | number | null> }>(
          `SELECT r.household_id AS "householdId", r.county_code AS "countyCode", r."values"
           FROM department_rows r JOIN department_recompare_households l ON l.household_id = r.household_id AND l.batch_id = r.batch_id
           WHERE r.source = $1 AND r.fate = 'matched' ORDER BY r.batch_id, r.seq`,
          [sourceCode],
        );
        signals = await recordSignals(source, rows, ruleSetOf);
      }
      counted = await upsertWarnings(tx, deps.today, source, signals, { batchOf, append: false });
    }
    await recordAudit(tx, SYSTEM_ACTOR, 'department.recompared', { type: 'department_source', id: sourceCode, regionCode: countyCode }, {
      details: { source: sourceCode, today: deps.today, households: found.length, warnings: counted.touched, newWarnings: counted.created },
    });
    return { households: found.length, warnings: counted.touched, newWarnings: counted.created };
  });
}
