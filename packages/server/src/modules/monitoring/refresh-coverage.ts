import { coverageOf, isMeasureCategoryName, isRiskTypeCode, type CoverageMeasure, type HouseholdMember, type MeasureStatus } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';

type LabourCapacity = HouseholdMember['labourCapacity'];
const LABOUR: readonly string[] = ['full', 'partial', 'none'];

/**
 * Recomputes the coverage of these monitoring objects with the domain's rules (docs/DOMAIN.md coverage
 * rules): their risk types, their measures, their members' labour and the compliant out-of-pocket
 * medical spending. Stored on household_monitoring so the register can filter on uncovered risks.
 * Called in the transaction of every change to risks, measures or members' labour.
 */
export async function refreshCoverage(tx: Tx, householdIds: string[]): Promise<void> {
  if (householdIds.length === 0) return;
  const [objects, members, measures] = await Promise.all([
    tx.query<{ householdId: string; riskTypes: string[]; outOfPocket: number }>(
      `SELECT household_id AS "householdId", risk_types AS "riskTypes", compliant_out_of_pocket AS "outOfPocket" FROM household_monitoring WHERE household_id = ANY($1::uuid[])`,
      [householdIds],
    ),
    tx.query<{ householdId: string; labourCapacity: string | null }>(`SELECT household_id AS "householdId", labour_capacity AS "labourCapacity" FROM members WHERE household_id = ANY($1::uuid[])`, [householdIds]),
    tx.query<{ householdId: string; category: string; status: MeasureStatus }>(`SELECT household_id AS "householdId", category, status FROM household_measures WHERE household_id = ANY($1::uuid[])`, [householdIds]),
  ]);
  const labourOf = new Map<string, { labourCapacity: LabourCapacity }[]>();
  for (const m of members.rows) {
    const capacity = (LABOUR.includes(m.labourCapacity ?? '') ? m.labourCapacity : 'notApplicable') as LabourCapacity;
    labourOf.set(m.householdId, [...(labourOf.get(m.householdId) ?? []), { labourCapacity: capacity }]);
  }
  const measuresOf = new Map<string, CoverageMeasure[]>();
  for (const m of measures.rows) {
    if (!isMeasureCategoryName(m.category)) continue;
    measuresOf.set(m.householdId, [...(measuresOf.get(m.householdId) ?? []), { category: m.category, status: m.status }]);
  }
  for (const o of objects.rows) {
    const coverage = coverageOf(o.riskTypes.filter(isRiskTypeCode), measuresOf.get(o.householdId) ?? [], { members: labourOf.get(o.householdId) ?? [], compliantOutOfPocketMedical: o.outOfPocket });
    await tx.query(`UPDATE household_monitoring SET uncovered_risk_types = $2, coverage_problems = $3 WHERE household_id = $1`, [o.householdId, coverage.uncoveredRiskTypes, JSON.stringify(coverage.problems)]);
  }
}

/**
 * Checks the coverage of monitoring objects never checked (imported before coverage existed, or by
 * an import since). Deliberately system-wide: run by `serve` at start and after imports, in batches.
 */
export async function unscopedRefreshUncheckedCoverage(tx: Tx): Promise<number> {
  let done = 0;
  for (;;) {
    const { rows } = await tx.query<{ householdId: string }>(`SELECT household_id AS "householdId" FROM household_monitoring WHERE uncovered_risk_types IS NULL LIMIT 500`);
    if (rows.length === 0) return done;
    await refreshCoverage(tx, rows.map((r) => r.householdId));
    done += rows.length;
  }
}
