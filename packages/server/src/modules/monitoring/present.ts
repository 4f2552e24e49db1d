import { isHelperAssignmentOverdue, isUnderMonitoring, isVisitOverdue, type HelperKind } from '@fangpin/domain';
import type { HelperRow, MonitoringObjectRow } from './repo.ts';

/** Row → response shapes. Helpers' phones leave only masked. */
export function presentHelper(h: HelperRow) {
  return {
    id: h.id,
    kind: h.kind as HelperKind,
    userId: h.userId,
    name: h.name,
    unit: h.unit,
    phoneMasked: h.phoneMasked,
    assignedOn: h.assignedOn,
    assignedBy: h.assignedBy,
    endedOn: h.endedOn,
    endReason: h.endReason,
    replacedBy: h.replacedBy,
  };
}

/** A helper who counts for "a helper is assigned" (not the village's first secretary / work team). */
function isHouseholdHelper(h: HelperRow): boolean {
  return h.endedOn === null && (h.kind === 'cadre' || h.kind === 'person');
}

/**
 * One item of the register, in the automation contract's fields (issue 13: householdId,
 * householdNumber, headName, regionCode, category, riskTypes, status, identifiedOn, helpers,
 * uncoveredRiskTypes, nextVisitDueOn) plus place names, income, the helper deadline and the last visit.
 */
export function presentMonitoringObject(row: MonitoringObjectRow, helpers: HelperRow[], today: string) {
  const active = helpers.filter((h) => h.endedOn === null);
  const hasHelper = active.some(isHouseholdHelper);
  const underMonitoring = isUnderMonitoring(row.status);
  return {
    householdId: row.householdId,
    householdNumber: row.householdNumber,
    headName: row.headName ?? '',
    regionCode: row.regionCode,
    villageName: row.villageName ?? '',
    townshipName: row.townshipName ?? '',
    category: row.category,
    riskTypes: row.riskTypes,
    status: row.status,
    identifiedOn: row.identifiedOn,
    uncoveredRiskTypes: underMonitoring ? (row.uncoveredRiskTypes ?? []) : [],
    helpers: active.map((h) => ({ id: h.id, kind: h.kind as HelperKind, name: h.name, unit: h.unit, phoneMasked: h.phoneMasked, assignedOn: h.assignedOn, userId: h.userId })),
    helperDueOn: row.helperDueOn,
    isHelperOverdue: underMonitoring && isHelperAssignmentOverdue(row.helperDueOn, hasHelper, today),
    hasHelper,
    incomeYear: row.incomeYear,
    perCapitaIncome: row.perCapitaIncome,
    eliminatedOn: row.eliminatedOn,
    lastVisitOn: row.lastVisitOn ?? null,
    nextVisitDueOn: row.nextVisitDueOn ?? null,
    isVisitOverdue: isVisitOverdue(row.nextVisitDueOn ?? null, today),
  };
}
