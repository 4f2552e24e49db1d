import {
  assessHousehold,
  can,
  check,
  isUnderMonitoring,
  maskIdNumbersInText,
  nextVisitDueOn,
  scopeOf,
  visitIncomeInput,
  visitIncomeYear,
  type Actor,
  type HouseholdAssessment,
  type HouseholdAssessmentInput,
  type HelperVisits,
  type MonitoringCategory,
  type VisitIncomeUpdate,
} from '@fangpin/domain';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { readAll, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { insertAttachment, listAttachments, type AttachmentView } from '../attachments/attachments.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { assessmentMemberOf, automaticPropertyFindings, registryMembers } from '../cases/case-facts.ts';
import { findHousehold, insertHistory, type HouseholdRow } from '../registry/repo.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { refreshCoverage } from './refresh-coverage.ts';
import { countLaterIncomeUpdates, findHelperVisitRows, findLastVisitOn, insertHelperVisit, isVisitOfHousehold } from './helper-visits-repo.ts';
import { findHousingAndWaterProblems, findMonitoringOfHousehold, updateMonitoringIncome } from './repo.ts';
import { actsOnHousehold, seesHousehold } from './show-monitoring-record.ts';

type Deps = { tx: Tx; actor: Actor & { displayName?: string }; today: string; cipher: PersonalDataCipher };

export type HelperVisitInput = {
  visitedOn?: string | undefined;
  observed: string;
  problems?: string | undefined;
  incomeUpdate?: VisitIncomeUpdate | null | undefined;
};

/** A helper visit as the API returns it (the assessment's summary, not its whole snapshot). */
export type HelperVisitView = {
  id: string;
  visitedOn: string;
  visitorName: string;
  visitorRole: string;
  observed: string;
  problems: string;
  incomeUpdate: VisitIncomeUpdate | null;
  incomeYear: number | null;
  perCapitaIncome: number | null;
  assessment: VisitAssessmentSummary | null;
  ruleSetVersion: string | null;
  attachments: AttachmentView[];
};

/** What a visit's recomputed assessment shows: income against the line, the reasons, and the rule-set version. */
export type VisitAssessmentSummary = {
  assessedOn: string;
  ruleSetVersion: string;
  perCapitaNetIncome: number;
  monitoringLine: number;
  withinLine: boolean;
  householdSize: number;
  reasons: { code: string; message: string }[];
};

function summaryOf(a: HouseholdAssessment): VisitAssessmentSummary {
  return {
    assessedOn: a.assessedOn,
    ruleSetVersion: a.ruleSetVersion,
    perCapitaNetIncome: a.perCapitaNetIncome,
    monitoringLine: a.monitoringLine,
    withinLine: a.withinLine,
    householdSize: a.income.householdSize,
    reasons: a.reasons.map((r) => ({ code: r.code, message: r.message })),
  };
}

/**
 * The household, when the actor may record helper visits for it: in scope (else 404), for a helping
 * cadre assigned to it (else 404, as for a missing id; 403 where the rule set lets helping cadres
 * read the whole region), with `helperVisit.record` (else 403: the
 * leader reads only), and under monitoring (else 422).
 */
export async function householdForVisits({ tx, actor, today }: Pick<Deps, 'tx' | 'actor' | 'today'>, householdId: string): Promise<{ household: HouseholdRow; monitoring: NonNullable<Awaited<ReturnType<typeof findMonitoringOfHousehold>>> }> {
  const household = await findHousehold(tx, scopeOf(actor), householdId, { forUpdate: true });
  if (!household || !(await seesHousehold(tx, actor, household, today))) throw new AppError('NOT_FOUND', 'Household not found');
  if (!check(actor, 'helperVisit.record', { regionCode: household.regionCode }).ok) throw new AppError('FORBIDDEN', 'Your role may not record helper visits');
  // A helping cadre who reads the whole region (helperReadScope: region) records visits only for its own households.
  if (!(await actsOnHousehold(tx, actor, householdId))) throw AppError.because('FORBIDDEN', 'notAssignedHelper');
  const monitoring = await findMonitoringOfHousehold(tx, householdId, { forUpdate: true });
  if (!monitoring || !isUnderMonitoring(monitoring.status))
    throw AppError.because('WORKFLOW_REFUSED', 'notMonitored');
  return { household, monitoring };
}

/**
 * Records a helper visit (帮扶走访): the day it happened (not after today, not before the household
 * was identified), what the visitor saw and the problems found. With an income update, the
 * household's assessment is recomputed by the domain's `assessHousehold` (the code the county
 * decides with) under the rule set in force on the visit day, stored with the visit and its version,
 * and the monitoring record's income is updated (history kept, coverage re-checked). Audited.
 */
export async function recordHelperVisit(
  deps: Deps,
  householdId: string,
  input: HelperVisitInput,
): Promise<{ id: string; assessment: VisitAssessmentSummary | null; nextVisitDueOn: string | null; countyCode: string }> {
  const { tx, actor, today } = deps;
  const { household, monitoring } = await householdForVisits(deps, householdId);
  const visitedOn = input.visitedOn ?? today;
  if (visitedOn > today) throw AppError.because('VALIDATION_FAILED', 'dateInFuture', { date: visitedOn }, { field: 'visitedOn' });
  if (monitoring.identifiedOn && visitedOn < monitoring.identifiedOn)
    throw AppError.because('VALIDATION_FAILED', 'dateBeforeIdentification', { date: visitedOn, identifiedOn: monitoring.identifiedOn }, { field: 'visitedOn' });
  const observed = maskIdNumbersInText(input.observed.trim());
  if (!observed) throw AppError.because('VALIDATION_FAILED', 'observedRequired', undefined, { field: 'observed' });
  const problems = maskIdNumbersInText((input.problems ?? '').trim());
  const by = actor.displayName ?? actor.username;

  let assessment: HouseholdAssessment | null = null;
  if (input.incomeUpdate) {
    const ruleSet = await ruleSetInForce(tx, household.regionCode, visitedOn);
    const [members, property, facts] = await readAll(tx, [
      () => registryMembers(tx, deps.cipher, household.id),
      () => automaticPropertyFindings(tx, household.id),
      () => findHousingAndWaterProblems(tx, household.id),
    ]);
    const assessmentInput: HouseholdAssessmentInput = {
      id: household.id,
      regionCode: household.regionCode,
      householdType: household.type === 'formerlyPoor' ? 'formerlyPoor' : 'ordinary',
      members: members.map((m) => assessmentMemberOf(m, visitedOn)),
      ...visitIncomeInput(input.incomeUpdate, visitedOn),
      insuranceClaims: [],
      rigidSpending: [],
      assets: property.assets,
      problems: { compulsoryEducation: false, basicMedical: false, housingSafety: facts?.housing ?? false, drinkingWater: facts?.water ?? false },
      suddenEvents: [],
    };
    assessment = assessHousehold(assessmentInput, ruleSet, visitedOn);
  }
  const incomeYear = input.incomeUpdate ? visitIncomeYear(visitedOn) : null;
  const id = await insertHelperVisit(tx, {
    countyCode: household.countyCode,
    householdId: household.id,
    visitedOn,
    visitor: { userId: actor.userId, name: by, role: actor.role },
    observed,
    problems,
    incomeUpdate: input.incomeUpdate ?? null,
    incomeYear,
    assessment,
  });

  // The latest income update becomes the monitoring record's income (a later visit's, never an older one's).
  const later = await countLaterIncomeUpdates(tx, household.id, visitedOn);
  if (assessment && input.incomeUpdate && incomeYear !== null && later === 0) {
    const before = { incomeYear: monitoring.incomeYear, perCapitaIncome: monitoring.perCapitaIncome };
    await updateMonitoringIncome(tx, household.id, { incomeYear, perCapitaIncome: assessment.perCapitaNetIncome, wage: input.incomeUpdate.wage, transfer: input.incomeUpdate.transfer, compliantOutOfPocket: input.incomeUpdate.compliantOutOfPocket });
    await refreshCoverage(tx, [household.id]);
    await insertHistory(tx, [
      {
        countyCode: household.countyCode,
        householdId: household.id,
        memberId: null,
        action: 'monitoring.incomeUpdated',
        actorId: actor.userId,
        actorName: by,
        source: 'web',
        before,
        after: { incomeYear, perCapitaIncome: assessment.perCapitaNetIncome, monitoringLine: assessment.monitoringLine, withinLine: assessment.withinLine, ruleSetVersion: assessment.ruleSetVersion, visitId: id },
        effectiveOn: visitedOn,
      },
    ]);
  }
  await insertHistory(tx, [
    { countyCode: household.countyCode, householdId: household.id, memberId: null, action: 'monitoring.visitRecorded', actorId: actor.userId, actorName: by, source: 'web', before: null, after: { visitId: id, visitedOn, hasIncomeUpdate: assessment !== null }, effectiveOn: visitedOn },
  ]);
  await recordAudit(tx, actor, 'helperVisit.recorded', { type: 'household', id: household.id, regionCode: household.regionCode }, {
    after: { visitId: id, visitedOn, hasIncomeUpdate: assessment !== null, perCapitaIncome: assessment?.perCapitaNetIncome ?? null, ruleSetVersion: assessment?.ruleSetVersion ?? null },
  });
  const schedule = await visitScheduleOf(tx, household.id, household.regionCode, monitoring, today);
  return { id, assessment: assessment ? summaryOf(assessment) : null, nextVisitDueOn: schedule.nextVisitDueOn, countyCode: household.countyCode };
}

/** The last visit's day and the next visit's due day of one monitoring object, under the rule set in force today for its county. */
export async function visitScheduleOf(
  tx: Tx,
  householdId: string,
  regionCode: string,
  monitoring: { status: Parameters<typeof nextVisitDueOn>[0]['status']; category: string | null; identifiedOn: string | null },
  today: string,
): Promise<{ lastVisitOn: string | null; nextVisitDueOn: string | null; intervalMonths: number }> {
  const lastVisitOn = await findLastVisitOn(tx, householdId);
  return visitRhythm(monitoring, lastVisitOn, await ruleSetInForce(tx, regionCode.slice(0, 6), today));
}

/** The last visit, the next due day and the interval of a monitoring object under a rule set (the household page's and the field app's). */
export function visitRhythm(
  monitoring: { status: Parameters<typeof nextVisitDueOn>[0]['status']; category: string | null; identifiedOn: string | null },
  lastVisitOn: string | null,
  ruleSet: Parameters<typeof nextVisitDueOn>[1],
): { lastVisitOn: string | null; nextVisitDueOn: string | null; intervalMonths: number } {
  const category = monitoring.category as MonitoringCategory | null;
  return {
    lastVisitOn,
    nextVisitDueOn: nextVisitDueOn({ status: monitoring.status, category, identifiedOn: monitoring.identifiedOn, lastVisitOn }, ruleSet),
    intervalMonths: category && category in ruleSet.helperVisitIntervalMonths ? ruleSet.helperVisitIntervalMonths[category] : ruleSet.helperVisitIntervalMonths.none,
  };
}

/**
 * The helper visits of a monitoring object as its page shows them: newest first, the last visit, the
 * next due day and whether the actor may record one. Scoped like the household (a helping cadre: the
 * households assigned to them; else 404).
 */
export async function listHelperVisits({ tx, actor }: Pick<Deps, 'tx' | 'actor'>, today: string, householdId: string): Promise<HelperVisits> {
  if (!can(actor, 'household.read')) throw new AppError('FORBIDDEN', 'Your role may not read households');
  const household = await findHousehold(tx, scopeOf(actor), householdId);
  if (!household || !(await seesHousehold(tx, actor, household, today))) throw new AppError('NOT_FOUND', 'Household not found');
  const monitoring = await findMonitoringOfHousehold(tx, householdId);
  const items = await findHelperVisits(tx, householdId);
  if (!monitoring) return { items, lastVisitOn: null, nextVisitDueOn: null, intervalMonths: null, canRecord: false };
  const schedule = await visitScheduleOf(tx, householdId, household.regionCode, monitoring, today);
  const canRecord = isUnderMonitoring(monitoring.status) && can(actor, 'helperVisit.record', { regionCode: household.regionCode }) && (await actsOnHousehold(tx, actor, householdId));
  return { items, ...schedule, canRecord };
}

/** The helper visits of a household, newest first, with their photos. */
export async function findHelperVisits(tx: Tx, householdId: string): Promise<HelperVisitView[]> {
  const rows = await findHelperVisitRows(tx, householdId);
  const photos = await listAttachments(tx, 'helperVisit', rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, assessment: r.assessment ? summaryOf(r.assessment) : null, attachments: photos.get(r.id) ?? [] }));
}

/** Attaches a photo (or scan) to a helper visit; audited. */
export async function attachHelperVisitPhoto(deps: Pick<Deps, 'tx' | 'actor' | 'today'>, householdId: string, visitId: string, file: { fileName: string; mimeType: string; content: Buffer; purpose?: string | undefined }): Promise<AttachmentView> {
  const { household } = await householdForVisits(deps, householdId);
  if (!/^[0-9a-f-]{36}$/i.test(visitId) || !(await isVisitOfHousehold(deps.tx, visitId, household.id))) throw new AppError('NOT_FOUND', 'Visit not found');
  const view = await insertAttachment(deps.tx, {
    ownerKind: 'helperVisit',
    ownerId: visitId,
    purpose: file.purpose ?? 'photo',
    fileName: file.fileName,
    mimeType: file.mimeType,
    content: file.content,
    uploadedBy: deps.actor.displayName ?? deps.actor.username,
  });
  await recordAudit(deps.tx, deps.actor, 'helperVisit.photoAttached', { type: 'household', id: household.id, regionCode: household.regionCode }, { details: { visitId, attachmentId: view.id, fileName: file.fileName } });
  return view;
}
