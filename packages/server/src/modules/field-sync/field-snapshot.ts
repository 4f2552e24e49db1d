import { actsOnlyOnAssignedHouseholds, can, eliminationRolesFor, FIELD_ELIMINATION_STEPS, fieldPolicyOf, identificationStepsFor, RISK_TYPES, scopeOf, type Actor, type FieldElimination, type FieldVisitDue, type MonitoringStatus } from '@fangpin/domain';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { caseDetail, listCases, todoFor } from '../cases/case-view.ts';
import { visitRhythm } from '../monitoring/record-helper-visit.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { readsOnlyAssignedHouseholds } from '../monitoring/show-monitoring-record.ts';
import { findEliminationsAtSteps, findHouseholdsWithMembers, findMonitoredWithLastVisit, findVillagesInScope } from './repo.ts';

/** The steps whose form the field app fills offline: the home verification and the village deliberation. */
export const FIELD_STEPS = ['homeVerification', 'villageDeliberation'] as const;
/** A phone holds at most this many households (a village has a few hundred). */
export const FIELD_HOUSEHOLD_LIMIT = 1000;
/** … and at most this many cases in full. */
export const FIELD_CASE_LIMIT = 50;

/**
 * What the field app keeps on the phone for this user (docs/field-app.md "What the phone holds"):
 * the villages of the user's region, the cases at a field step that the user acts in (in full, as
 * `GET /cases/:id` shows them, with the rule set in force for the provisional assessment), the
 * warnings to verify, the households with their members (ID numbers masked, nothing else personal),
 * the helper visits due among them (帮扶走访: last visit and next due day, by the rule set's rhythm),
 * and the option lists. Region-bounded like every read, and audited as one read. A helping cadre,
 * who reads only the households they help (domain `seesOnlyAssignedHouseholds`, the rule set's
 * `helperReadScope`), takes only those; where the rule set says `region`, the region's.
 */
export async function fieldSnapshot(tx: Tx, cipher: PersonalDataCipher, actor: Actor, today: string) {
  const scope = scopeOf(actor);
  const villages = await findVillagesInScope(tx, scope);
  const todo = await todoFor(tx, actor, today);
  // The cases at a field step the user acts in, nearest deadline first, read as such: the to-do lists
  // only the nearest few of each group (TODO_GROUP_SIZE), and the phone takes up to FIELD_CASE_LIMIT.
  const steps = identificationStepsFor(actor.role, await ruleSetInForce(tx, actor.regionCode.slice(0, 12), today)).filter((step) => (FIELD_STEPS as readonly string[]).includes(step));
  const fieldCases = steps.length === 0 ? [] : (await listCases(tx, scope, today, { steps, limit: FIELD_CASE_LIMIT, offset: 0 }, fieldPolicyOf(actor.role))).items;
  const cases = [];
  for (const c of fieldCases) {
    const detail = await caseDetail(tx, cipher, actor, c.id, today);
    cases.push({ ...detail, ruleSet: await ruleSetInForce(tx, detail.regionCode, today) });
  }
  const helperUserId = (await readsOnlyAssignedHouseholds(tx, actor, actor.regionCode, today)) ? actor.userId : undefined;
  const households = await findHouseholdsWithMembers(tx, scope, FIELD_HOUSEHOLD_LIMIT + 1, helperUserId);
  const truncated = households.length > FIELD_HOUSEHOLD_LIMIT;
  const kept = households.slice(0, FIELD_HOUSEHOLD_LIMIT);
  const visitsDue = can(actor, 'helperVisit.record') ? await helperVisitsDue(tx, kept.map((h) => h.id), today) : [];
  const eliminations = await eliminationsToCheck(tx, actor, today);
  await recordAudit(tx, actor, 'field.synced', { type: 'user', id: actor.userId, regionCode: actor.regionCode }, {
    details: { caseIds: cases.map((c) => c.id), households: kept.length, eliminationIds: eliminations.map((e) => e.id) },
  });
  return {
    syncedAt: new Date().toISOString(),
    today,
    villages,
    cases,
    warnings: todo.warnings.filter((w) => w.action === 'verify'),
    households: kept.map((h) => ({ ...h, headName: h.members.find((m) => m.relation === 'head')?.name ?? h.members[0]?.name ?? '' })),
    visitsDue,
    eliminations,
    householdsTruncated: truncated,
    riskTypes: Object.values(RISK_TYPES).map((r) => ({ code: r.code, zh: r.zh, en: r.en })),
  };
}

/**
 * The monitoring objects among the phone's households with their visit rhythm (the same
 * `nextVisitDueOn` as the household page), most overdue first; no due day (eliminated meanwhile) last.
 */
async function helperVisitsDue(tx: Tx, householdIds: string[], today: string): Promise<FieldVisitDue[]> {
  const rows = await findMonitoredWithLastVisit(tx, householdIds);
  const ruleSets = new Map<string, Awaited<ReturnType<typeof ruleSetInForce>>>();
  const due: FieldVisitDue[] = [];
  for (const r of rows) {
    const county = r.regionCode.slice(0, 6);
    if (!ruleSets.has(county)) ruleSets.set(county, await ruleSetInForce(tx, county, today));
    due.push({ householdId: r.householdId, ...visitRhythm({ ...r, status: r.status as MonitoringStatus }, r.lastVisitOn, ruleSets.get(county)!) });
  }
  return due.sort((a, b) => (a.nextVisitDueOn ?? '9999').localeCompare(b.nextVisitDueOn ?? '9999'));
}

/**
 * The risk eliminations (风险消除) waiting for the home check (入户核实) that this user records, as the
 * elimination's role table says (the village and the township; not a helping cadre, who may propose
 * but not check): those at `homeVerification`, and those still at `proposed` when the role also
 * dispatches the check there. Scoped like the rest of the snapshot; a role acting only on the households
 * it helps takes only those. Nearest deadline first, at most FIELD_CASE_LIMIT.
 */
async function eliminationsToCheck(tx: Tx, actor: Actor, today: string): Promise<FieldElimination[]> {
  const ruleSet = await ruleSetInForce(tx, actor.regionCode.slice(0, 12), today);
  const acts = (step: (typeof FIELD_ELIMINATION_STEPS)[number]) => (eliminationRolesFor(step, ruleSet) as readonly string[]).includes(actor.role);
  const steps = acts('homeVerification') ? FIELD_ELIMINATION_STEPS.filter(acts) : [];
  const rows = await findEliminationsAtSteps(tx, scopeOf(actor), steps, FIELD_CASE_LIMIT, actsOnlyOnAssignedHouseholds(actor.role) ? actor.userId : undefined);
  const lines = new Map<string, number>();
  const out: FieldElimination[] = [];
  for (const r of rows) {
    const county = r.regionCode.slice(0, 6);
    if (!lines.has(county)) lines.set(county, (await ruleSetInForce(tx, r.regionCode, today)).monitoringLine.yuanPerPersonYear);
    out.push({ ...r, step: r.step as FieldElimination['step'], headName: r.headName ?? '', villageName: r.villageName ?? '', monitoringLine: lines.get(county)! });
  }
  return out;
}
