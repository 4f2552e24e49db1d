import { coverageOf, isMeasureCategoryName, isRiskTypeCode, type CoverageMeasure, type HouseholdMember } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { findCoverageInputs, saveCoverage, unscopedFindUncheckedCoverage } from './repo.ts';

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
  const { objects, members, measures } = await findCoverageInputs(tx, householdIds);
  const labourOf = new Map<string, { labourCapacity: LabourCapacity }[]>();
  for (const m of members) {
    const capacity = (LABOUR.includes(m.labourCapacity ?? '') ? m.labourCapacity : 'notApplicable') as LabourCapacity;
    labourOf.set(m.householdId, [...(labourOf.get(m.householdId) ?? []), { labourCapacity: capacity }]);
  }
  const measuresOf = new Map<string, CoverageMeasure[]>();
  for (const m of measures) {
    if (!isMeasureCategoryName(m.category)) continue;
    measuresOf.set(m.householdId, [...(measuresOf.get(m.householdId) ?? []), { category: m.category, status: m.status }]);
  }
  for (const o of objects) {
    const coverage = coverageOf(o.riskTypes.filter(isRiskTypeCode), measuresOf.get(o.householdId) ?? [], { members: labourOf.get(o.householdId) ?? [], compliantOutOfPocketMedical: o.outOfPocket });
    await saveCoverage(tx, o.householdId, coverage);
  }
}

/**
 * Checks the coverage of monitoring objects never checked (imported before coverage existed, or by
 * an import since). Deliberately system-wide: run by `serve` at start and after imports, in batches.
 */
export async function unscopedRefreshUncheckedCoverage(tx: Tx): Promise<number> {
  let done = 0;
  for (;;) {
    const ids = await unscopedFindUncheckedCoverage(tx, 500);
    if (ids.length === 0) return done;
    await refreshCoverage(tx, ids);
    done += ids.length;
  }
}
