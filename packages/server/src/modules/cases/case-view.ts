import {
  allowedEventsFor,
  can,
  IDENTIFICATION_STEP_ZH,
  MONITORING_CATEGORY_ZH,
  assessHousehold,
  calendarForRuleSet,
  caseIncomeWindow,
  countWorkingDays,
  diffCalendarDays,
  fieldPolicyOf,
  freeTextFor,
  freeValueFor,
  healthFor,
  eliminationStepsFor,
  identificationStepsFor,
  isInScope,
  withholdsSourceDetail,
  WITHHELD_HEALTH_TEXT,
  noticeEndsOn,
  scopeOf,
  warningStatusesHandledBy,
  type Actor,
  type CaseDetail,
  type CaseFactsView,
  type CaseNotice,
  type CaseSummary,
  TODO_GROUP_SIZE,
  type CaseTodo,
  type ClueChannel,
  type FieldPolicy,
  type RuleSet,
  type Scope,
} from '@fangpin/domain';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { readAll, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { listCaseAttachments, type AttachmentView } from '../attachments/attachments.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { ruleSetKept } from '../rules/rule-set-cache.ts';
import { CASE_EVENT_ZH } from './advance-case.ts';
import { assessmentInputOf, automaticPropertyFindings, registryMembers } from './case-facts.ts';
import { findSupervisionPhone } from '../county-settings/repo.ts';
import { presentWarningText } from '../department/present-warning.ts';
import { countMembersOfHousehold, findCaseClues, findCaseForView, findCases, findTodoCases, findTodoFigures, findCaseTimeline, findCountyName, findWarningOfCase, type CaseListFilter, type CaseSummaryRow, type CaseViewRow } from './view-repo.ts';
import { findCaseDepartmentSignals } from './repo.ts';


function summaryOf({ warningSources, ...r }: CaseSummaryRow, today: string, policy: FieldPolicy): CaseSummary {
  const isOpen = r.step !== 'closed' && r.step !== 'withdrawn';
  // Once at the callback the decision is made: the 15-day limit covers identification up to it.
  const isRunning = isOpen && r.step !== 'callback';
  return {
    ...r,
    // What the caller, the applicant or the visitor said: numbers typed in it masked by the field policy.
    summary: withholdsSourceDetail(policy, warningSources ?? []) ? WITHHELD_HEALTH_TEXT : freeTextFor(policy, r.summary),
    stepZh: IDENTIFICATION_STEP_ZH[r.step],
    daysLeft: diffCalendarDays(today, r.dueOn),
    isOverdue: isRunning && today > r.dueOn,
    isStepOverdue: isOpen && r.stepDueOn !== null && today > r.stepDueOn,
  };
}

export async function listCases(
  tx: Tx,
  scope: Scope,
  today: string,
  filter: CaseListFilter,
  policy: FieldPolicy,
): Promise<{ items: CaseSummary[]; total: number }> {
  const { rows, total } = await findCases(tx, scope, today, filter);
  return { items: rows.map((r) => summaryOf(r, today, policy)), total };
}

async function loadCase(tx: Tx, actor: Actor, id: string): Promise<CaseViewRow> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw AppError.because('NOT_FOUND', 'caseNotFound');
  const c = await findCaseForView(tx, id);
  if (!c || !isInScope(scopeOf(actor), c.regionCode)) throw AppError.because('NOT_FOUND', 'caseNotFound');
  return c;
}

/**
 * A case as the actor may see it: the field policy of its role (docs/personal-data.md) decides
 * health detail and whether numbers typed into free text are masked; members show their birth year.
 */
export async function caseDetail(tx: Tx, cipher: PersonalDataCipher, actor: Actor, id: string, today: string): Promise<CaseDetail> {
  const policy = fieldPolicyOf(actor.role);
  const c = await loadCase(tx, actor, id);
  const ruleSet = await ruleSetInForce(tx, c.regionCode, today);
  const clueRuleSet = await ruleSetInForce(tx, c.regionCode, c.clueDate);
  const events = await findCaseTimeline(tx, c.id);
  const attachments: AttachmentView[] = await listCaseAttachments(tx, c.id);
  const members = c.householdId ? await registryMembers(tx, cipher, c.householdId) : [];
  const limit = clueRuleSet.identificationLimit;
  const end = c.step === 'closed' || c.step === 'withdrawn' || c.step === 'callback' ? (events.findLast((e) => e.toStep === 'callback' || e.toStep === 'withdrawn')?.onDate ?? today) : today;
  const daysUsed = limit.unit === 'working' ? countWorkingDays(calendarForRuleSet(clueRuleSet), c.clueDate, end) : diffCalendarDays(c.clueDate, end);
  const { state, facts, decision, householdType, countyCode, clueId, ...summary } = c;
  void countyCode;
  void clueId;
  // Health status, diagnoses and the notes on medical bills are health data: only roles whose field
  // policy includes health detail (those who carry out the procedure) see them.
  const mayReadHealth = policy.healthDetail;
  const present = <T,>(value: T): T => freeValueFor(policy, mayReadHealth ? value : withoutHealthDetail(value));
  // Before a step is recorded, show what it will find: the asset sources' records at the property
  // check, the policy engine's result at the assessment (so the county decides seeing the reasons).
  // (Nothing to preview without a household: nobody would have been searched.)
  const propertyPreview = state.step === 'propertyCheck' && c.householdId ? await automaticPropertyFindings(tx, c.householdId) : null;
  const warning = c.channel === 'warning' ? await warningOfCase(tx, c.id, policy) : null;
  const clues = await findCaseClues(tx, c.id);
  // (An assessment recorded in an earlier round, before an objection, is stale here: recompute.)
  const assessmentPreview = state.step === 'systemAssessment' ? assessHousehold(assessmentInputOf({ ...c, householdType }, facts, members, today, cipher, await findCaseDepartmentSignals(tx, c.id)), ruleSet, today) : null;
  return {
    ...summaryOf(summary, today, policy),
    // Stored JSON (the domain's IdentificationState, its decision in the `decision` column too)
    state: state as CaseDetail['state'],
    decision: present(decision as CaseDetail['decision']),
    // Stored JSON read back through the field policy: the shapes the steps wrote (case-steps.ts).
    facts: present(facts) as CaseFactsView,
    assessment: assessmentPreview ?? facts.assessment ?? null,
    /** True when `assessment` is computed now from the facts so far and not yet recorded. */
    assessmentIsPreview: assessmentPreview !== null,
    /** At the property check: what the asset sources hold for the household's members. */
    propertyPreview: propertyPreview ? (present({ automatic: propertyPreview.assets, sources: propertyPreview.sources }) as CaseDetail['propertyPreview']) : null,
    allowedEvents: allowedEventsFor(state, { hasHousehold: c.householdId !== null, greenChannel: c.greenChannel }, { id: actor.userId, role: actor.role }, ruleSet),
    /** The 12 months whose income and spending count: those before the clue date's month (`caseIncomeWindow`). */
    incomeWindow: { ...caseIncomeWindow(c.clueDate, ruleSet), clueDate: c.clueDate },
    noticeDays: ruleSet.noticeDays,
    noticeEndsOn: state.noticeStartedOn ? noticeEndsOn(state.noticeStartedOn, ruleSet) : null,
    timeline: events.map((e) => ({
      ...e,
      // The first entry repeats the clue's summary: a health warning's wording stays withheld there too.
      comment: e.type === 'registerClue' && withholdsSourceDetail(policy, c.warningSources ?? []) ? WITHHELD_HEALTH_TEXT : freeTextFor(policy, e.comment),
      data: present(e.data), at: e.at.toISOString(), typeZh: CASE_EVENT_ZH[e.type] })),
    attachments,
    /** The warning whose confirmed risk opened the case (channel `warning`), with what its verification found. */
    warning,
    /** Every clue of the case, first and joined, withdrawn ones marked (docs/DOMAIN.md "One household, one case"). */
    clues: clues.map((cl) => ({
      id: cl.id,
      channel: cl.channel as ClueChannel,
      status: cl.status,
      withdrawn: cl.status === 'withdrawn',
      isFirst: cl.isFirst,
      aroseOn: cl.aroseOn,
      riskTypes: cl.riskTypes,
      warning: cl.warningId ? { id: cl.warningId, sources: cl.warningSources ?? [], riskType: cl.warningRiskType ?? '', status: cl.warningStatus ?? '' } : null,
      visit: cl.visitId ? { id: cl.visitId, visitorName: cl.visitorName ?? '' } : null,
      call: cl.callId ? { id: cl.callId } : null,
      application: cl.referenceNo ? { referenceNo: cl.referenceNo } : null,
    })),
    clock: { clueDate: c.clueDate, dueOn: c.dueOn, daysUsed, daysLimit: limit.days, unit: limit.unit === 'working' ? ('working' as const) : ('calendar' as const) },
    household: c.householdId
      ? {
          id: c.householdId,
          householdNumber: c.householdNumber,
          headName: c.headName,
          type: householdType,
          size: members.length,
          members: members.map((m) => ({
            id: m.id,
            name: m.name,
            relation: m.relation,
            sex: m.sex,
            birthYear: m.birthYear,
            labourCapacity: m.labourCapacity,
            health: healthFor(policy, m.health),
            schooling: m.schooling,
            migrantMonths: m.migrantMonths,
            idMasked: m.idMasked,
          })),
        }
      : null,
  };
}


/** The warning behind a case opened from a confirmed warning (the case → warning link). */
async function warningOfCase(tx: Tx, caseId: string, policy: FieldPolicy) {
  const w = await findWarningOfCase(tx, caseId);
  return w ? { ...w, ...presentWarningText(policy, w), verifiedAt: w.verifiedAt ? w.verifiedAt.toISOString() : null } : null;
}

const HEALTH_NOTE_LISTS = new Set(['compliantOutOfPocket', 'rigidSpending', 'insuranceClaims']);

/**
 * A copy without health detail: members' health status (健康状况) and notes, and the notes on medical
 * / rigid spending and insurance claims (free text that names illnesses).
 */
export function withoutHealthDetail<T>(value: T): T {
  const strip = (v: unknown, parentKey: string): unknown => {
    if (Array.isArray(v)) return v.map((item) => strip(item, parentKey));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(v)) {
        if (key === 'healthNote' || key === 'health') continue;
        if (key === 'note' && HEALTH_NOTE_LISTS.has(parentKey)) continue;
        out[key] = strip(child, key);
      }
      return out;
    }
    return v;
  };
  return strip(value, '') as T;
}

/** How many warnings and eliminations the to-do lists (it counts them all). */
export const TODO_LIST_SIZE = 100;

/**
 * What the to-do of `actor` reads under `ruleSet`: its scope, the identification steps its role acts
 * in, the warnings it handles (domain WARNING_HANDLERS, as far as its actions allow: new ones to
 * dispatch, dispatched ones to verify), whether it reviews visit reports and calls back, and the
 * steps of risk eliminations it acts in (they run the same procedure: docs/DOMAIN.md "Risk
 * elimination", so their steps reach the same people).
 */
export function todoReads(actor: Actor, ruleSet: RuleSet) {
  const warningStatuses = warningStatusesHandledBy(actor.role).filter((status) =>
    status === 'new' ? can(actor, 'warning.dispatch') : can(actor, 'warning.verify'),
  );
  return {
    scope: scopeOf(actor),
    steps: identificationStepsFor(actor.role, ruleSet),
    wants: { reviewsVisits: can(actor, 'visit.review'), callsBack: can(actor, 'hotline.record'), warningStatuses },
    eliminationSteps: eliminationStepsFor(actor.role, ruleSet),
  };
}

/**
 * What the actor should do now (待办): cases whose current step the actor's role acts in (soonest
 * deadline first), warnings it handles (to dispatch or to verify: domain `WARNING_HANDLERS`), visit
 * reports to review, hotline callbacks due and running risk eliminations at a step the role acts in.
 * Every figure is counted in SQL over the region, so the totals stay right however many cases a
 * county has; the lists show the TODO_GROUP_SIZE nearest deadlines of each group of cases and the
 * first 100 warnings and eliminations.
 */
export async function todoFor(tx: Tx, actor: Actor, today: string): Promise<CaseTodo> {
  const region = actor.regionCode.slice(0, 12);
  const policy = fieldPolicyOf(actor.role);
  // The rule set in force (the notice's roles follow its notice level) is kept in the process with
  // the key of its stored versions; the figures' statement reads the key again, and a changed key
  // (a version stored since, by any process) means reading the rule set and the to-do again.
  let kept = await ruleSetKept(tx, region, today);
  for (let attempt = 1; ; attempt++) {
    const { scope, steps, wants, eliminationSteps } = todoReads(actor, kept.ruleSet);
    // Two statements (docs/design/search-and-todo-performance.md "Fourth round"): the cases (the
    // nearest deadlines of each group, with their rows), and every count with the warnings, the
    // eliminations and the rule set's key.
    const [cases, figures] = await readAll(tx, [
      () => findTodoCases(tx, scope, today, steps, TODO_GROUP_SIZE),
      () => findTodoFigures(tx, scope, today, steps, wants, eliminationSteps, TODO_LIST_SIZE, region),
    ]);
    if (figures.ruleSetKey !== kept.key && attempt < 3) {
      kept = await ruleSetKept(tx, region, today, kept);
      continue;
    }
    const { eliminations, warnings } = figures;
    return {
      items: cases.map(({ group, ...r }) => ({ ...summaryOf(r, today, policy), group })),
      total: figures.total,
      overdue: figures.overdue,
      dueSoon: figures.dueSoon,
      visitReports: figures.visitReports,
      callbacksDue: figures.callbacksDue,
      warningsToDispatch: figures.warningsToDispatch,
      warningsToVerify: figures.warningsToVerify,
      // Only the statuses this role handles were asked for: new (to dispatch) or dispatched (to verify).
      warnings: warnings.map((w) => ({ ...w, ...presentWarningText(policy, w), status: w.status === 'new' ? ('new' as const) : ('dispatched' as const), action: w.status === 'new' ? ('dispatch' as const) : ('verify' as const) })),
      eliminationsTotal: eliminations.total,
      eliminations: eliminations.rows,
      count: figures.total + figures.warningsToDispatch + figures.warningsToVerify + figures.visitReports + figures.callbacksDue + eliminations.total,
    };
  }
}

/** What every public notice (公示) says around its table: place, period, who to tell, the county's number. */
export type NoticeFrame = Omit<CaseNotice, 'caseNumber' | 'entries'>;

/**
 * The frame of a public notice posted from `startOn` in the village (names as the case carries them):
 * the county, township and village, the period of the rule set's `noticeDays` (at least 5), the
 * objections how-to and contact, and the county's supervision / hotline number (县级设置). Shared by
 * the identification and the elimination notice (docs/DOMAIN.md "Procedure").
 */
export async function noticeFrame(tx: Tx, place: { regionCode: string; villageName: string | null; townshipName: string | null }, startOn: string): Promise<NoticeFrame> {
  const ruleSet = await ruleSetInForce(tx, place.regionCode, startOn);
  const countyName = await findCountyName(tx, place.regionCode.slice(0, 6));
  return {
    countyName: countyName ?? '',
    townshipName: place.townshipName ?? '',
    villageName: place.villageName ?? '',
    startOn,
    endOn: noticeEndsOn(startOn, ruleSet),
    days: ruleSet.noticeDays,
    contact: `${place.villageName ?? ''}村民委员会、${place.townshipName ?? ''}人民政府`,
    supervisionPhone: await findSupervisionPhone(tx, place.regionCode.slice(0, 6)),
    objectionsNote: `公示期内如有异议，请向${place.villageName ?? '村'}村民委员会或${place.townshipName ?? '乡镇'}人民政府反映（可实名或匿名）。`,
  };
}

/**
 * The public notice (公示) of a case: only what a notice may show — head's name, household size, the
 * proposed category — never ID numbers, phones, bank accounts or health details.
 */
export async function noticeOf(tx: Tx, actor: Actor, id: string): Promise<CaseNotice> {
  const c = await loadCase(tx, actor, id);
  const startOn = c.state.noticeStartedOn;
  if (!startOn) throw AppError.because('WORKFLOW_REFUSED', 'notInNotice');
  await recordAudit(tx, actor, 'case.notice.printed', { type: 'case', id: c.id, regionCode: c.regionCode }, { details: { caseNumber: c.caseNumber } });
  const frame = await noticeFrame(tx, c, startOn);
  const size = c.householdId ? await countMembersOfHousehold(tx, c.householdId) : 0;
  const head = c.headName ?? c.facts.verification?.members?.[0]?.name ?? '';
  const category = c.facts.assessment?.suggestedCategory ?? null;
  return {
    caseNumber: c.caseNumber,
    ...frame,
    entries: [
      {
        headName: head,
        householdSize: size || c.facts.verification?.members?.length || 0,
        category,
        categoryZh: category ? MONITORING_CATEGORY_ZH[category] : '待定',
      },
    ],
  };
}
