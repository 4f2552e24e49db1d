import { can, fieldPolicyOf, freeTextFor, MONITORING_CATEGORY_ZH, MONITORING_STATUS_ZH, riskTypeByCode, scopeOf, type Actor, type MonitoringCategory } from '@fangpin/domain';
import { CASE_EVENT_ZH } from '../cases/advance-case.ts';
import { readAll, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { listAttachments } from '../attachments/attachments.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findRegionPath } from '../regions/repo.ts';
import { presentHistory, presentMember } from '../registry/present.ts';
import { findHistory, findHousehold, findMembersOfHousehold } from '../registry/repo.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { presentHelper } from './present.ts';
import { findHelperVisits, visitScheduleOf } from './record-helper-visit.ts';
import { findDecisionEvents, findHelpers, findMeasures, findMonitoringOfHousehold } from './repo.ts';
import { seesHousehold } from './show-monitoring-record.ts';

/** Case events that are decisions (who decided what, on which day, under which rule set). */
const DECISION_EVENTS = ['screenOut', 'rejectAfterAssessment', 'recordDeliberation', 'endNotice', 'raiseObjection', 'townshipApprove', 'townshipReturn', 'countyDecide', 'withdraw', 'recordCallback'];
/** The parts of an event's form data a file shows (the outcome, never personal detail). */
const DECISION_FIELDS = ['decision', 'category', 'riskTypes', 'result', 'outcome', 'mode', 'reason', 'effectiveOn'];

const DECISION_ZH: Record<string, string> = { approved: '同意纳入', rejected: '不予认定', returned: '退回', passed: '通过', recommend: '评议通过', notRecommend: '评议未通过' };

/**
 * A decision's outcome in words (the file is a Chinese paper file): 同意纳入 · 脱贫不稳定户 · 因病.
 * A code without words is left out (the row's 事项 still names the step), never printed raw.
 */
export function decisionSummaryZh(data: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const code of [data.decision, data.result]) if (typeof code === 'string' && DECISION_ZH[code]) parts.push(DECISION_ZH[code]);
  if (typeof data.category === 'string') parts.push(MONITORING_CATEGORY_ZH[data.category as MonitoringCategory] ?? data.category);
  if (Array.isArray(data.riskTypes)) parts.push(data.riskTypes.map((c) => riskTypeByCode(String(c))?.zh ?? String(c)).join('、'));
  if (typeof data.reason === 'string' && data.reason) parts.push(data.reason);
  return parts.join(' · ');
}

/** What the file was asked for: read on screen, printed (the A4 page), or exported (XLSX); each is audited under its own action. */
export type FilePurpose = 'view' | 'print' | 'export';

const AUDIT_ACTION: Record<FilePurpose, string> = { view: 'household.file.viewed', print: 'household.file.printed', export: 'household.file.exported' };

/**
 * 一户一档 (docs/DOMAIN.md "Household file and data items"; issue 13 item 6): the whole record of one
 * household in one document — the household and its members (ID numbers masked, health by the
 * role's field policy), the monitoring record and its history, the risks, the helpers (with
 * reassignments), the measures with the coverage check, the helper visits, the per-capita income
 * against the monitoring line per year, and every decision with its day, rule-set version and who
 * made it. Scoped like the household (out of the region: 404; a helping cadre: the households
 * assigned to them). Audited as viewed, printed or exported.
 */
export async function buildHouseholdFile(tx: Tx, actor: Actor & { displayName?: string }, today: string, householdId: string, purpose: FilePurpose) {
  if (!can(actor, 'household.read')) throw new AppError('FORBIDDEN', 'Your role may not read households');
  const household = await findHousehold(tx, scopeOf(actor), householdId);
  if (!household || !(await seesHousehold(tx, actor, household, today))) throw new AppError('NOT_FOUND', 'Household not found');
  const policy = fieldPolicyOf(actor.role);
  const [members, path, monitoring, helpers, measures, visits, history, decisions] = await readAll(tx, [
    () => findMembersOfHousehold(tx, household.id),
    () => findRegionPath(tx, household.regionCode),
    () => findMonitoringOfHousehold(tx, household.id),
    () => findHelpers(tx, [household.id]),
    () => findMeasures(tx, household.id),
    () => findHelperVisits(tx, household.id),
    () => findHistory(tx, household.id),
    () => findDecisionEvents(tx, household.id, DECISION_EVENTS),
  ]);
  const evidence = await listAttachments(tx, 'measure', measures.map((m) => m.id));
  const schedule = monitoring ? await visitScheduleOf(tx, household.id, household.regionCode, monitoring, today) : null;

  // Per-capita income against the line, per year: the monitoring record's year, and each year a visit updated.
  const incomes = new Map<number, { year: number; perCapitaIncome: number; monitoringLine: number | null; isWithinLine: boolean | null; source: 'monitoring' | 'visit'; on: string | null; ruleSetVersion: string | null }>();
  if (monitoring) {
    let line: number | null = null;
    let version: string | null = null;
    try {
      const ruleSet = await ruleSetInForce(tx, household.regionCode, `${monitoring.incomeYear}-12-31` > today ? today : `${monitoring.incomeYear}-12-31`);
      line = ruleSet.monitoringLine.yuanPerPersonYear;
      version = ruleSet.version;
    } catch {
      // No rule set for that year: the income is shown without a line rather than against a guessed one.
    }
    incomes.set(monitoring.incomeYear, { year: monitoring.incomeYear, perCapitaIncome: monitoring.perCapitaIncome, monitoringLine: line, isWithinLine: line === null ? null : monitoring.perCapitaIncome <= line, source: 'monitoring', on: null, ruleSetVersion: version });
  }
  for (const v of [...visits].reverse()) {
    if (v.incomeYear === null || !v.assessment) continue;
    incomes.set(v.incomeYear, { year: v.incomeYear, perCapitaIncome: v.assessment.perCapitaNetIncome, monitoringLine: v.assessment.monitoringLine, isWithinLine: v.assessment.withinLine, source: 'visit', on: v.visitedOn, ruleSetVersion: v.assessment.ruleSetVersion });
  }

  const name = (level: string) => path.find((r) => r.level === level)?.name ?? '';
  const file = {
    generatedOn: today,
    generatedBy: actor.displayName ?? actor.username,
    household: {
      id: household.id,
      householdNumber: household.householdNumber,
      type: household.type,
      regionCode: household.regionCode,
      countyName: name('county'),
      townshipName: name('township'),
      villageName: name('village'),
      address: freeTextFor(policy, household.address),
      phoneMasked: household.phoneMasked,
    },
    members: members.map((m) => {
      const p = presentMember(m, policy);
      return { name: p.name, relation: p.relation, sex: p.sex, birthYear: p.birthYear, idNumberMasked: p.idNumberMasked, health: p.health, labourCapacity: p.labourCapacity, schooling: p.schooling, migrantMonths: p.migrantMonths };
    }),
    monitoring: monitoring
      ? {
          status: monitoring.status,
          statusZh: MONITORING_STATUS_ZH[monitoring.status],
          category: monitoring.category,
          identifiedOn: monitoring.identifiedOn,
          helperDueOn: monitoring.helperDueOn,
          eliminatedOn: monitoring.eliminatedOn,
          eliminationMode: monitoring.eliminationMode,
          rolledBackOn: monitoring.rolledBackOn,
          rollbackReason: monitoring.rollbackReason,
          lastVisitOn: schedule?.lastVisitOn ?? null,
          nextVisitDueOn: schedule?.nextVisitDueOn ?? null,
        }
      : null,
    monitoringHistory: presentHistory(history.filter((r) => r.action.startsWith('monitoring.')).reverse(), policy),
    risks: (monitoring?.riskTypes ?? []).map((code) => ({ code, name: riskTypeByCode(code)?.zh ?? code, isCovered: !(monitoring?.uncoveredRiskTypes ?? []).includes(code) })),
    helpers: helpers.map(presentHelper),
    measures: measures.map((m) => ({ ...m, evidence: (evidence.get(m.id) ?? []).map((f) => f.fileName) })),
    coverage: monitoring ? { uncoveredRiskTypes: monitoring.uncoveredRiskTypes ?? [], problems: monitoring.coverageProblems ?? [], isChecked: monitoring.uncoveredRiskTypes !== null } : null,
    visits: visits.map((v) => ({ ...v, observed: freeTextFor(policy, v.observed), problems: freeTextFor(policy, v.problems), attachments: v.attachments.map((f) => f.fileName) })),
    incomes: [...incomes.values()].sort((a, b) => a.year - b.year),
    decisions: decisions.map((d) => ({
      caseId: d.caseId,
      caseNumber: d.caseNumber,
      kind: d.kind,
      type: d.type,
      typeZh: (CASE_EVENT_ZH as Record<string, string>)[d.type] ?? d.type,
      summaryZh: decisionSummaryZh(d.data ?? {}),
      toStep: d.toStep,
      on: d.onDate,
      by: d.actorName,
      byDisplayName: d.actorDisplayName,
      byRole: d.actorRole,
      ruleSetVersion: d.ruleSetVersion,
      comment: freeTextFor(policy, d.comment),
      data: Object.fromEntries(Object.entries(d.data ?? {}).filter(([k]) => DECISION_FIELDS.includes(k))),
    })),
  };
  await recordAudit(tx, actor, AUDIT_ACTION[purpose], { type: 'household', id: household.id, regionCode: household.regionCode }, { details: { memberIds: members.map((m) => m.id) } });
  return file;
}

export type HouseholdFile = Awaited<ReturnType<typeof buildHouseholdFile>>;
