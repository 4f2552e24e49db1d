import { actsOnlyOnAssignedHouseholds, can, fieldPolicyOf, isHelperAssignmentOverdue, isUnderMonitoring, scopeOf, seesOnlyAssignedHouseholds, type Actor } from '@fangpin/domain';
import { readAll, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { findHistory, findHousehold } from '../registry/repo.ts';
import { presentHistory } from '../registry/present.ts';
import { presentHelper } from './present.ts';
import { findHelpers, findMeasures, findMonitoringOfHousehold, isActiveHelperOf } from './repo.ts';
import { listAttachments } from '../attachments/attachments.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';

/**
 * Whether the actor reads only the households assigned to it in `regionCode` today: a helping cadre
 * under the rule set in force there (`helperReadScope`, domain `seesOnlyAssignedHouseholds`). A
 * region without a rule set in force reads as the default, the narrower `assigned`.
 */
export async function readsOnlyAssignedHouseholds(tx: Tx, actor: Actor, regionCode: string, today: string): Promise<boolean> {
  if (!actsOnlyOnAssignedHouseholds(actor.role)) return false;
  const ruleSet = await ruleSetInForce(tx, regionCode, today).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'RULE_SET_UNAVAILABLE') return { helperReadScope: 'assigned' as const };
    throw error;
  });
  return seesOnlyAssignedHouseholds(actor.role, ruleSet);
}

/**
 * Whether the actor sees this household (already found in the actor's region): a role that sees only
 * the households assigned to it (a helping cadre under `helperReadScope: 'assigned'`) sees it while
 * it helps it now (issue 13: an unassigned helper gets 404, as for a missing id).
 */
export async function seesHousehold(tx: Tx, actor: Actor, household: { id: string; regionCode: string }, today: string): Promise<boolean> {
  return !(await readsOnlyAssignedHouseholds(tx, actor, household.regionCode, today)) || (await isActiveHelperOf(tx, household.id, actor.userId));
}

/**
 * Whether the actor may act on this household (visits, measures, proposals) as far as assignment
 * goes: a helping cadre only on the households it helps now, even where it reads the whole region
 * (domain `actsOnlyOnAssignedHouseholds`); the role's own permissions are checked apart.
 */
export async function actsOnHousehold(tx: Tx, actor: Actor, householdId: string): Promise<boolean> {
  return !actsOnlyOnAssignedHouseholds(actor.role) || (await isActiveHelperOf(tx, householdId, actor.userId));
}

/**
 * The monitoring record of a household (the household page's 监测信息): status, category, risks,
 * income, the helpers with their history, and the monitoring entries of the registry history.
 * `record: null` when the household was never a monitoring object.
 */
export async function showMonitoringRecord(tx: Tx, actor: Actor, today: string, householdId: string) {
  if (!can(actor, 'household.read')) throw new AppError('FORBIDDEN', 'Your role may not read the register');
  const household = await findHousehold(tx, scopeOf(actor), householdId);
  if (!household || !(await seesHousehold(tx, actor, household, today))) throw new AppError('NOT_FOUND', 'Household not found');
  const m = await findMonitoringOfHousehold(tx, householdId);
  const canAssignHelpers = can(actor, 'helper.assign', { regionCode: household.regionCode });
  const actsHere = await actsOnHousehold(tx, actor, householdId);
  if (!m) return { householdId, record: null, helpers: [], measures: [], coverage: null, history: [], abilities: { canAssignHelpers: false, canRecordMeasures: false } };
  const [helpers, measures] = await readAll(tx, [() => findHelpers(tx, [householdId]), () => findMeasures(tx, householdId)]);
  const evidence = await listAttachments(tx, 'measure', measures.map((x) => x.id));
  const hasHelper = helpers.some((h) => h.endedOn === null && (h.kind === 'cadre' || h.kind === 'person'));
  const underMonitoring = isUnderMonitoring(m.status);
  const history = presentHistory((await findHistory(tx, householdId)).filter((r) => r.action.startsWith('monitoring.')), fieldPolicyOf(actor.role));
  return {
    householdId,
    record: {
      status: m.status,
      category: m.category,
      riskTypes: m.riskTypes,
      identifiedOn: m.identifiedOn,
      incomeYear: m.incomeYear,
      perCapitaIncome: m.perCapitaIncome,
      helperDueOn: m.helperDueOn,
      isHelperOverdue: underMonitoring && isHelperAssignmentOverdue(m.helperDueOn, hasHelper, today),
      eliminatedOn: m.eliminatedOn,
      eliminationMode: m.eliminationMode,
      rolledBackOn: m.rolledBackOn,
      rollbackReason: m.rollbackReason,
    },
    helpers: helpers.map(presentHelper),
    measures: measures.map((x) => ({ ...x, attachments: evidence.get(x.id) ?? [] })),
    coverage: { uncoveredRiskTypes: m.uncoveredRiskTypes ?? [], problems: m.coverageProblems ?? [], isChecked: m.uncoveredRiskTypes !== null },
    history,
    abilities: {
      canAssignHelpers: canAssignHelpers && underMonitoring,
      canRecordMeasures: underMonitoring && actsHere && can(actor, 'measure.record', { regionCode: household.regionCode }),
    },
  };
}
