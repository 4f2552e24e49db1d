import {
  MONITORING_CATEGORY_ZH,
  assessHousehold,
  caseIncomeWindow,
  checkHouseholdLink,
  entryDateSchema,
  calendarForRuleSet,
  helperAssignmentDueOn,
  isInScope,
  isRiskTypeCode,
  maskIdNumbersInText,
  maskPersonalDataInValue,
  nextIdentificationState,
  recordsOutsideWindow,
  scopeOf,
  type Actor,
  type IdentificationEvent,
  type IdentificationState,
  type IncomeWindow,
  type RecordOutsideWindow,
} from '@fangpin/domain';
import type pg from 'pg';
import type { z } from 'zod';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit, type AuditActor } from '../audit/record-audit.ts';
import { findHousehold, findMember, findMembersOfHousehold, insertHistory } from '../registry/repo.ts';
import { registerHouseholdInTx } from '../registry/register-household.ts';
import { changeMemberInTx } from '../registry/update-member.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import {
  AssistanceDataSchema,
  CallbackDataSchema,
  CountyDecisionDataSchema,
  DeliberationDataSchema,
  LinkHouseholdDataSchema,
  NoteDataSchema,
  PropertyCheckDataSchema,
  ReasonDataSchema,
  VerificationDataSchema,
  assessmentInputOf,
  automaticPropertyFindings,
  mergeAssets,
  registryMembers,
  verifiedMemberChanges,
  type CaseFacts,
} from './case-facts.ts';
import { sealVerificationMembers } from './member-birth-dates.ts';
import { caseDeadlines } from './open-case.ts';
import { refreshCoverage } from '../monitoring/refresh-coverage.ts';
import { linkReentry, type Reentry } from '../monitoring/reentry.ts';

export const CASE_EVENT_TYPES = [
  'linkHousehold',
  'startVerification',
  'recordVerification',
  'screenOut',
  'recordPropertyCheck',
  'recordAssessment',
  'rejectAfterAssessment',
  'recordDeliberation',
  'raiseObjection',
  'endNotice',
  'townshipApprove',
  'townshipReturn',
  'countyDecide',
  'recordCallback',
  'recordAssistance',
  'withdraw',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export const CASE_EVENT_ZH: Record<CaseEventType | 'registerClue', string> = {
  registerClue: '登记线索',
  linkHousehold: '关联农户',
  startVerification: '派发入户核实',
  recordVerification: '完成入户核实',
  screenOut: '入户核实不符合条件',
  recordPropertyCheck: '完成财产检索',
  recordAssessment: '完成系统评估',
  rejectAfterAssessment: '评估不符合条件，县级不予认定',
  recordDeliberation: '完成村级评议',
  raiseObjection: '公示异议',
  endNotice: '公示结束',
  townshipApprove: '乡镇审核通过',
  townshipReturn: '乡镇退回',
  countyDecide: '县级审定',
  recordCallback: '电话回访',
  recordAssistance: '绿色通道先行帮扶',
  withdraw: '撤回',
};

export type CaseEventBody = { type: CaseEventType; version: number; data?: unknown; comment?: string | undefined; occurredOn?: string | undefined };

type CaseRow = {
  id: string;
  caseNumber: string;
  clueId: string;
  regionCode: string;
  householdId: string | null;
  householdType: string | null;
  step: string;
  state: IdentificationState;
  version: number;
  clueDate: string;
  facts: CaseFacts;
  greenChannel: boolean;
};

function parseData<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.join('.');
    throw new AppError('VALIDATION_FAILED', `data${where ? `.${where}` : ''}: ${issue.message}`, { field: `data${where ? `.${where}` : ''}` });
  }
  return parsed.data;
}

async function hasAttachment(tx: Tx, caseId: string, purpose: string): Promise<boolean> {
  const { rowCount } = await tx.query(`SELECT 1 FROM attachments WHERE owner_kind = 'case' AND owner_id = $1 AND purpose = $2 LIMIT 1`, [caseId, purpose]);
  return (rowCount ?? 0) > 0;
}

const DATED_LIST_ZH: Record<RecordOutsideWindow['list'], string> = {
  incomes: '收入',
  operatingCosts: '生产经营成本',
  insuranceClaims: '理赔收入',
  compliantOutOfPocket: '合规自付支出',
  rigidSpending: '刚性支出',
};

/**
 * A home check whose incomes or spending fall outside the case's income window is refused with
 * each such row named (issue 11 item 1): the assessment would not count them, so saving them
 * would drop what the cadre entered without a word.
 */
function refuseRecordsOutsideWindow(outside: RecordOutsideWindow[], window: IncomeWindow, clueDate: string): void {
  const first = outside[0];
  if (!first) return;
  const more = outside.length > 1 ? `等 ${outside.length} 条记录` : '';
  throw new AppError(
    'VALIDATION_FAILED',
    `${DATED_LIST_ZH[first.list]}第 ${first.index + 1} 行${more}的月份 ${first.month} 不在收入计算期 ${window.fromMonth} 至 ${window.toMonth}（线索日期 ${clueDate} 所在月之前 ${window.months} 个月）内，不会计入；请改为该期间内的月份 / ${first.list} row ${first.index + 1}${outside.length > 1 ? ` and ${outside.length - 1} more` : ''}: month ${first.month} is outside the income window ${window.fromMonth} … ${window.toMonth} (the ${window.months} months before the clue date ${clueDate}); use a month inside it`,
    { field: `data.${first.list}.${first.index}.month`, reason: 'outsideIncomeWindow', extra: { window, records: outside } },
  );
}

/**
 * Applies one step of the identification procedure to a case (docs/STYLE.md rule 2): the row is locked,
 * the version the actor saw must be the current one (two people acting at once: exactly one wins,
 * the other gets CONFLICT), the domain workflow checks step, role, dates and the step's own
 * conditions, then the state, deadlines, facts and a timeline entry are written with an audit row.
 * Decisions keep a snapshot of the facts and the rule-set version they were based on.
 */
export async function advanceCase(
  deps: { pool: pg.Pool; today: string; cipher: PersonalDataCipher },
  actor: Actor & { displayName?: string },
  caseId: string,
  body: CaseEventBody,
): Promise<void> {
  await withTransaction(deps.pool, (tx) => advanceCaseInTx(tx, deps.today, actor, caseId, body, deps.cipher));
}

/**
 * {@link advanceCase} inside the caller's transaction (a hotline call dispatches its new case at once).
 * ID numbers typed into the comment or the step's data are masked before anything is stored, and
 * members' birth dates are kept as years (docs/personal-data.md, "At rest"). The one exception is a
 * household registered on the case (`linkHousehold` with `newHousehold`): its members' ID numbers
 * are read unmasked, sealed by the registry's write path, and only the masked form is stored.
 */
export async function advanceCaseInTx(tx: Tx, today: string, actor: Actor & { displayName?: string }, caseId: string, typed: CaseEventBody, cipher: PersonalDataCipher): Promise<void> {
  const body: CaseEventBody = {
    ...typed,
    data: maskPersonalDataInValue(typed.data, maskIdNumbersInText),
    comment: typed.comment === undefined ? undefined : maskIdNumbersInText(typed.comment),
  };
  const occurredOn = body.occurredOn ?? today;
  if (occurredOn > today) throw new AppError('VALIDATION_FAILED', `occurredOn ${occurredOn} is in the future / 办理日期不能晚于今天`, { field: 'occurredOn' });
  const { rows } = await tx.query<CaseRow>(
    `SELECT c.id, c.case_number AS "caseNumber", c.clue_id AS "clueId", c.region_code AS "regionCode", c.household_id AS "householdId", h.type AS "householdType",
       c.step, c.state, c.version, c.clue_date AS "clueDate", c.facts, c.green_channel AS "greenChannel"
     FROM cases c LEFT JOIN households h ON h.id = c.household_id WHERE c.id = $1 AND c.kind = 'identification' FOR UPDATE OF c`,
    [caseId],
  );
  const c = rows[0];
  if (!c || !isInScope(scopeOf(actor), c.regionCode)) throw new AppError('NOT_FOUND', 'Case not found / 未找到该案件');
  if (body.version !== c.version)
    throw new AppError('CONFLICT', `该步骤已被他人处理（案件已更新），请刷新后重试 / The case was changed by someone else (version ${c.version}); reload and try again`, {
      extra: { currentVersion: c.version },
    });
  const ruleSet = await ruleSetInForce(tx, c.regionCode, occurredOn);
  const auditActor: AuditActor = { userId: actor.userId, username: actor.username, role: actor.role };
  // The steps that work on the household's members are refused without them (domain checkCaseHousehold).
  const memberCount = c.householdId ? (await registryMembers(tx, cipher, c.householdId)).length : null;
  const byName = actor.displayName ?? actor.username;
  const facts: CaseFacts = { ...c.facts };
  let snapshot: unknown = null;
  let data: unknown = {};
  let event: IdentificationEvent | null = null;
  /** Set by the county's decision: the day an approved household becomes a monitoring object. */
  let effectiveOn: string | null = null;

  switch (body.type) {
    case 'startVerification':
    case 'endNotice':
    case 'townshipApprove':
      event = { type: body.type };
      break;
    case 'linkHousehold': {
      const refusal = checkHouseholdLink(c.state, c.householdId !== null, { id: actor.userId, role: actor.role }, ruleSet, occurredOn);
      if (refusal) throw new AppError('WORKFLOW_REFUSED', refusal.message, { reason: refusal.reason, params: refusal.params });
      // Parsed from the body as typed: a new household's ID numbers are sealed by the registry, never stored in clear.
      const linked = await linkHousehold(tx, today, actor, c, parseData(LinkHouseholdDataSchema, typed.data), cipher);
      if (linked.reentry) facts.reentry = linked.reentry as Reentry;
      data = linked;
      break;
    }
    case 'recordVerification': {
      const v = parseData(VerificationDataSchema, body.data);
      const registry = c.householdId ? await registryMembers(tx, cipher, c.householdId) : [];
      const previous = c.facts.verification?.members ?? [];
      const unknownAge = (v.members ?? []).findIndex((m) => !m.birthDate && !registry.some((r) => r.id === m.id) && !previous.some((p) => p.id === m.id && p.birthDateSealed));
      if (unknownAge >= 0) throw new AppError('VALIDATION_FAILED', `data.members.${unknownAge}.birthDate: 不在户籍中的成员须填写出生日期 / a member who is not in the registry needs a birth date`, { field: `data.members.${unknownAge}.birthDate` });
      const stored = { ...v, ...(v.members ? { members: sealVerificationMembers(v.members, registry, cipher, previous) } : {}) };
      facts.verification = { ...stored, recordedOn: occurredOn, recordedBy: byName };
      data = stored;
      event = { type: 'recordVerification', consentSigned: v.consentSigned, memberCount };
      break;
    }
    case 'screenOut':
    case 'withdraw':
    case 'rejectAfterAssessment':
    case 'townshipReturn': {
      const { reason } = parseData(ReasonDataSchema, body.data);
      data = { reason };
      event = body.type === 'rejectAfterAssessment' ? { type: body.type, reason, memberCount } : { type: body.type, reason };
      if (body.type === 'rejectAfterAssessment') snapshot = { facts, ruleSetVersion: ruleSet.version };
      break;
    }
    case 'recordPropertyCheck': {
      const p = parseData(PropertyCheckDataSchema, body.data);
      const automatic = await automaticPropertyFindings(tx, c.householdId);
      const declared = facts.verification?.assets ?? null;
      const merged = mergeAssets(mergeAssets(automatic.assets, p.manualFindings ?? null), declared);
      facts.property = { automatic: automatic.assets, manual: p.manualFindings ?? null, merged, sources: automatic.sources, ...(p.notes ? { notes: p.notes } : {}), checkedOn: occurredOn };
      data = { manualFindings: p.manualFindings ?? null, automatic: automatic.sources, notes: p.notes ?? '' };
      event = { type: 'recordPropertyCheck', memberCount };
      break;
    }
    case 'recordAssessment':
      event = { type: 'recordAssessment', memberCount };
      break;
    case 'recordDeliberation': {
      const d = parseData(DeliberationDataSchema.extend({ heldOn: entryDateSchema(() => today, 'notAfterToday') }), body.data);
      const minutesRecorded = d.minutes.trim() !== '' || (await hasAttachment(tx, c.id, 'minutes'));
      facts.deliberation = d;
      data = d;
      event = { type: 'recordDeliberation', result: d.result, attendees: d.attendees, minutesRecorded, reason: d.reason };
      break;
    }
    case 'raiseObjection': {
      const { note } = parseData(NoteDataSchema, body.data);
      if (!note.trim()) throw new AppError('VALIDATION_FAILED', '须记录异议内容 / Record what the objection says', { field: 'data.note' });
      facts.objections = [...(facts.objections ?? []), { note, on: occurredOn, by: byName }];
      data = { note };
      event = { type: 'raiseObjection', note };
      break;
    }
    case 'countyDecide': {
      const d = parseData(CountyDecisionDataSchema.extend({ effectiveOn: entryDateSchema(() => today, 'withinAYear').optional() }), body.data);
      data = d;
      effectiveOn = d.effectiveOn ?? occurredOn;
      snapshot = { facts, ruleSetVersion: ruleSet.version };
      const unknown = (d.riskTypes ?? []).filter((code) => !isRiskTypeCode(code));
      if (unknown.length) throw new AppError('VALIDATION_FAILED', `Unknown risk type(s) ${unknown.join(', ')} / 风险类型代码无效`, { field: 'data.riskTypes' });
      event = { type: 'countyDecide', decision: d.decision, category: d.category ?? null, riskTypes: (d.riskTypes ?? []).filter(isRiskTypeCode), reason: d.reason };
      break;
    }
    case 'recordCallback': {
      const d = parseData(CallbackDataSchema, body.data);
      facts.callback = { ...d, on: occurredOn };
      data = d;
      event = { type: 'recordCallback' };
      break;
    }
    case 'recordAssistance': {
      const d = parseData(AssistanceDataSchema.extend({ on: entryDateSchema(() => today, 'notAfterToday') }), body.data);
      if (!c.greenChannel) throw new AppError('WORKFLOW_REFUSED', '只有绿色通道案件（灾害、意外事故）可在认定前先行帮扶 / Only green-channel cases may record assistance before approval', { reason: 'notGreenChannel' });
      if (c.step === 'closed' || c.step === 'withdrawn') throw new AppError('WORKFLOW_REFUSED', '案件已结束 / The case is closed', { reason: 'transitionNotAllowed' });
      if (!['county-monitor', 'county-admin', 'township-officer'].includes(actor.role))
        throw new AppError('WORKFLOW_REFUSED', `角色 ${actor.role} 不能登记先行帮扶`, { reason: 'roleNotAllowed' });
      facts.assistance = [...(facts.assistance ?? []), { ...d, by: byName }];
      data = d;
      break;
    }
  }

  let state = c.state;
  if (event) {
    const moved = nextIdentificationState(c.state, event, { id: actor.userId, role: actor.role }, occurredOn, ruleSet);
    if (!moved.ok) throw new AppError('WORKFLOW_REFUSED', moved.message, { reason: moved.reason, params: moved.params });
    state = moved.state;
  }

  // What the home check recorded must be usable: the signed consent's scan is on file, and every
  // income and spending row lies in the case's income window (else it would silently not count).
  if (body.type === 'recordVerification' && facts.verification) {
    const v = facts.verification;
    if (v.consentSigned && !(await hasAttachment(tx, c.id, 'consent')))
      throw new AppError('WORKFLOW_REFUSED', '请先上传已签字的《申请及承诺授权查询书》扫描件 / Upload the signed consent scan first', { field: 'consent', reason: 'consentMissing' });
    const window = caseIncomeWindow(c.clueDate, ruleSet);
    refuseRecordsOutsideWindow(recordsOutsideWindow(window, v), window, c.clueDate);
  }

  // The assessment runs when the case reaches or passes its step, on the facts gathered so far.
  if (body.type === 'recordAssessment' || body.type === 'rejectAfterAssessment') {
    const members = c.householdId ? await registryMembers(tx, cipher, c.householdId) : [];
    const assessment = assessHousehold(assessmentInputOf(c, facts, members, occurredOn, cipher), ruleSet, occurredOn);
    facts.assessment = assessment;
    data = { ...(data as object), perCapitaNetIncome: assessment.perCapitaNetIncome, monitoringLine: assessment.monitoringLine, suggestedCategory: assessment.suggestedCategory, riskTypes: assessment.riskTypes, isWithinScope: assessment.isWithinScope };
    snapshot = { facts, ruleSetVersion: ruleSet.version };
  }

  const { dueOn, stepDueOn } = caseDeadlines(state, ruleSet);
  const isFinal = state.step === 'closed' || state.step === 'withdrawn';
  const updated = await tx.query(
    `UPDATE cases SET step = $2, state = $3, version = version + 1, step_due_on = $4, due_on = $5, facts = $6, decision = $7,
       closed_at = CASE WHEN $8 THEN now() ELSE NULL END
     WHERE id = $1 AND version = $9`,
    [c.id, state.step, JSON.stringify(state), isFinal ? null : stepDueOn, dueOn, JSON.stringify(facts), state.decision ? JSON.stringify(state.decision) : null, isFinal, c.version],
  );
  if (updated.rowCount !== 1) throw new AppError('CONFLICT', '该步骤已被他人处理，请刷新后重试 / The case was changed by someone else; reload and try again');
  await tx.query(
    `INSERT INTO case_events (case_id, seq, type, from_step, to_step, on_date, actor_id, actor_name, actor_role, comment, data, snapshot, rule_set_version)
     SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM case_events WHERE case_id = $1`,
    [c.id, body.type, c.step, state.step, occurredOn, actor.userId, byName, actor.role, body.comment ?? '', JSON.stringify(data), snapshot === null ? null : JSON.stringify(snapshot), ruleSet.version],
  );
  if (state.decision?.kind === 'approved' && effectiveOn && c.householdId) {
    // Helpers are due within the rule set's working days of the approval (docs/DOMAIN.md; issue 13 item 2).
    const helperDueOn = helperAssignmentDueOn(effectiveOn, ruleSet, calendarForRuleSet(ruleSet));
    await recordMonitoringObject(tx, auditActor, c, facts, state, effectiveOn, helperDueOn);
    await refreshCoverage(tx, [c.householdId]);
  }
  if ((body.type === 'countyDecide' || body.type === 'rejectAfterAssessment') && c.householdId) await writeVerifiedFactsToRegistry(tx, cipher, actor, c, facts, occurredOn);
  if (state.step === 'closed' || state.step === 'withdrawn') await closeClue(tx, c, facts, state);
  await recordAudit(tx, auditActor, `case.${body.type}`, { type: 'case', id: c.id, regionCode: c.regionCode }, { details: { caseNumber: c.caseNumber, from: c.step, to: state.step, occurredOn, ruleSetVersion: ruleSet.version } });
}

/** The result in the words of the call-record table's 核实结果 column. */
export function verificationResultOf(state: IdentificationState): string {
  const d = state.decision;
  if (!d) return '';
  if (d.kind === 'approved') return `认定为监测对象${d.category ? `（${MONITORING_CATEGORY_ZH[d.category]}）` : ''}`;
  return `不符合条件：${d.reason}`;
}

/** The case is over: the clue closes, and every hotline call about it is closed after the callback. */
async function closeClue(tx: Tx, c: CaseRow, facts: CaseFacts, state: IdentificationState): Promise<void> {
  await tx.query(`UPDATE clues SET status = $2 WHERE id = $1`, [c.clueId, state.step === 'closed' ? 'closed' : 'withdrawn']);
  if (state.step !== 'closed') return;
  const cb = facts.callback;
  await tx.query(
    `UPDATE hotline_calls SET status = 'closed', callback_at = now(), callback_note = $2, objection = $3,
       remarks = CASE WHEN remarks = '' THEN '经回访，已办结' ELSE remarks || '；经回访，已办结' END
     WHERE clue_id = $1 AND status <> 'closed'`,
    [c.clueId, cb?.result ?? '', cb?.objection ?? false],
  );
}

/**
 * County approval makes the household a monitoring object (监测对象): its monitoring facts are
 * written (category, risk types, identification date, the assessment's income), the change kept
 * in registry history like every registry change.
 */
async function recordMonitoringObject(tx: Tx, actor: AuditActor, c: CaseRow, facts: CaseFacts, state: IdentificationState, identifiedOn: string, helperDueOn: string): Promise<void> {
  const d = state.decision;
  if (!d || d.kind !== 'approved' || !c.householdId) return;
  const a = facts.assessment;
  const problems = facts.verification?.problems;
  const { rows: before } = await tx.query(`SELECT category, risk_types AS "riskTypes", identified_on AS "identifiedOn" FROM household_monitoring WHERE household_id = $1`, [c.householdId]);
  await tx.query(
    `INSERT INTO household_monitoring (household_id, county_code, category, risk_types, identified_on, income_year, per_capita_income, wage_income, transfer_income, compliant_out_of_pocket, has_housing_problem, has_water_problem, helper_due_on)
     SELECT $1, h.county_code, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM households h WHERE h.id = $1
     ON CONFLICT (household_id) DO UPDATE SET category = EXCLUDED.category, risk_types = EXCLUDED.risk_types, identified_on = EXCLUDED.identified_on,
       income_year = EXCLUDED.income_year, per_capita_income = EXCLUDED.per_capita_income, wage_income = EXCLUDED.wage_income, transfer_income = EXCLUDED.transfer_income,
       compliant_out_of_pocket = EXCLUDED.compliant_out_of_pocket, has_housing_problem = EXCLUDED.has_housing_problem, has_water_problem = EXCLUDED.has_water_problem,
       elimination_mode = NULL, eliminated_on = NULL, per_capita_income_after_elimination = NULL, elimination_outcome = NULL, rolled_back_on = NULL, rollback_reason = NULL,
       helper_due_on = EXCLUDED.helper_due_on, version = household_monitoring.version + 1, updated_at = now()`,
    [
      c.householdId,
      d.category,
      d.riskTypes,
      identifiedOn,
      Number(identifiedOn.slice(0, 4)),
      a?.perCapitaNetIncome ?? 0,
      a?.income.wage ?? 0,
      a?.income.transfer ?? 0,
      (facts.verification?.compliantOutOfPocket ?? []).reduce((sum, r) => sum + r.amount, 0),
      problems?.housingSafety ?? false,
      problems?.drinkingWater ?? false,
      helperDueOn,
    ],
  );
  await insertHistory(tx, [
    {
      countyCode: c.regionCode.slice(0, 6),
      householdId: c.householdId,
      memberId: null,
      action: 'monitoring.identified',
      actorId: actor.userId,
      actorName: actor.username,
      source: `case:${c.caseNumber}`,
      before: before[0] ?? null,
      after: { category: d.category, riskTypes: d.riskTypes, identifiedOn, helperDueOn, ...(facts.reentry ? { reentryOf: { eliminatedOn: facts.reentry.eliminatedOn, eliminationCaseNumber: facts.reentry.eliminationCaseNumber } } : {}) },
      effectiveOn: identifiedOn,
    },
  ]);
}

/**
 * The county's decision writes what the home check verified about the members back to the
 * registry (issue 11 item 3): a member found 患有大病 or 丧失劳动力 is recorded so in the registry,
 * through the registry's own write path (history under `case:<caseNumber>`, dated the day of the
 * decision, and an audit row). The last verification counts (a re-verification after an objection
 * replaces the first). Both outcomes write: the facts were verified whatever the decision.
 */
async function writeVerifiedFactsToRegistry(tx: Tx, cipher: PersonalDataCipher, actor: Actor, c: CaseRow, facts: CaseFacts, decidedOn: string): Promise<void> {
  const verified = facts.verification?.members;
  if (!c.householdId || !verified?.length) return;
  const changes = verifiedMemberChanges(verified, await registryMembers(tx, cipher, c.householdId));
  for (const change of changes) {
    // The decision writes with the county's authority over the case (its scope holds the case), not the member-edit permission.
    const before = await findMember(tx, scopeOf(actor), change.memberId, { forUpdate: true });
    if (!before) continue;
    await changeMemberInTx(tx, { userId: actor.userId, username: actor.username, role: actor.role }, before, change.changes, { source: `case:${c.caseNumber}`, effectiveOn: decidedOn });
  }
}

/**
 * Links the case (and its clue, and the call or visit report it came from) to a household: one of
 * the registry in the case's village, or a new one registered with its members. Returns the data of
 * the timeline entry.
 */
async function linkHousehold(
  tx: Tx,
  today: string,
  actor: Actor,
  c: CaseRow,
  d: ReturnType<typeof LinkHouseholdDataSchema.parse>,
  cipher: PersonalDataCipher,
): Promise<Record<string, unknown>> {
  const village = c.regionCode.slice(0, 12);
  let household: { id: string; householdNumber: string; headName: string; memberCount: number; registered: boolean };
  if ('householdId' in d) {
    const found = await findHousehold(tx, scopeOf(actor), d.householdId);
    if (!found) throw new AppError('VALIDATION_FAILED', '未找到该农户 / Household not found', { field: 'data.householdId' });
    if (found.regionCode.slice(0, 12) !== village)
      throw new AppError('VALIDATION_FAILED', '该农户不在本案件所在村，请在本村查找 / The household is not in the case’s village', { field: 'data.householdId' });
    const members = await findMembersOfHousehold(tx, found.id);
    household = { id: found.id, householdNumber: found.householdNumber, headName: members.find((m) => m.relation === 'head')?.name ?? members[0]?.name ?? '', memberCount: members.length, registered: false };
  } else {
    const created = await registerHouseholdInTx(tx, { cipher, today }, actor, village, d.newHousehold, { source: `case:${c.caseNumber}`, fieldPrefix: 'data.newHousehold.' });
    household = { id: created.id, householdNumber: created.householdNumber, headName: created.headName, memberCount: created.memberIds.length, registered: true };
  }
  await tx.query(`UPDATE cases SET household_id = $2 WHERE id = $1`, [c.id, household.id]);
  await tx.query(`UPDATE clues SET household_id = $2 WHERE id = $1 AND household_id IS NULL`, [c.clueId, household.id]);
  await tx.query(`UPDATE hotline_calls SET household_id = $2 WHERE clue_id = $1 AND household_id IS NULL`, [c.clueId, household.id]);
  await tx.query(`UPDATE visit_reports SET household_id = $2 WHERE clue_id = $1 AND household_id IS NULL`, [c.clueId, household.id]);
  const reentry = await linkReentry(tx, c.id, household.id);
  return { ...(reentry ? { reentry } : {}), householdId: household.id, householdNumber: household.householdNumber, headName: household.headName, memberCount: household.memberCount, registered: household.registered };
}
