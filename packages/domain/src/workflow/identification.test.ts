import { describe, expect, it } from 'vitest';
import { CalendarYearUnavailableError } from '../calendar/working-days.ts';
import { DEFAULT_RULE_SET_VERSIONS } from '../rulesets/defaults/guangxi.ts';
import { calendarForRuleSet, resolveRuleSet } from '../rulesets/resolve-rule-set.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';
import type { WorkflowActor, WorkflowRole } from './common.ts';
import {
  IDENTIFICATION_ROLES,
  IDENTIFICATION_STEPS,
  IDENTIFICATION_TRANSITIONS,
  type IdentificationEvent,
  type IdentificationState,
  type IdentificationStep,
  cadreAssignmentDeadline,
  checkHouseholdLink,
  mayWithdrawIdentification,
  identificationDeadline,
  identificationStepDeadline,
  isIdentificationOverdue,
  nextIdentificationState,
  startIdentification,
} from './identification.ts';
import { nextState } from './next-state.ts';

const leye = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2021-08-01');
const otherCounty = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451021', '2021-08-01');
const leye2026 = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2026-09-01');
const calendar = calendarForRuleSet(leye);
const as = (role: WorkflowRole): WorkflowActor => ({ id: `u-${role}`, role });

function run(steps: [IdentificationEvent, WorkflowRole, string][], ruleSet: RuleSet = leye, start = startIdentification('2021-08-01')) {
  let state: IdentificationState = start;
  for (const [event, role, day] of steps) {
    const t = nextState(state, event, as(role), day, ruleSet);
    if (!t.ok) throw new Error(`${event.type}: ${t.reason} ${t.message}`);
    state = t.state;
  }
  return state;
}

const toNotice: [IdentificationEvent, WorkflowRole, string][] = [
  [{ type: 'startVerification' }, 'county-monitor', '2021-08-01'],
  [{ type: 'recordVerification', consentSigned: true, memberCount: 3 }, 'village-cadre', '2021-08-02'],
  [{ type: 'recordPropertyCheck', memberCount: 3 }, 'county-monitor', '2021-08-04'],
  [{ type: 'recordAssessment', memberCount: 3 }, 'system', '2021-08-04'],
  [{ type: 'recordDeliberation', result: 'recommend', attendees: 15, minutesRecorded: true }, 'village-cadre', '2021-08-05'],
];

describe('transition table', () => {
  it('every target is a step, and final steps have no moves or actors', () => {
    for (const step of IDENTIFICATION_STEPS) {
      for (const t of IDENTIFICATION_TRANSITIONS[step]) expect(IDENTIFICATION_STEPS).toContain(t);
    }
    expect(IDENTIFICATION_TRANSITIONS.closed).toEqual([]);
    expect(IDENTIFICATION_ROLES.withdrawn).toEqual([]);
  });
});

describe('identification happy paths', () => {
  it('张百谋-like case: approved as sudden within 15 days, Leye township notice', () => {
    const s = run([
      ...toNotice,
      [{ type: 'endNotice' }, 'township-officer', '2021-08-10'],
      [{ type: 'townshipApprove' }, 'township-officer', '2021-08-11'],
      [{ type: 'countyDecide', decision: 'approved', category: 'sudden', riskTypes: ['05'] }, 'county-admin', '2021-08-12'],
      [{ type: 'recordCallback' }, 'county-monitor', '2021-08-13'],
    ]);
    expect(s.step).toBe('closed');
    expect(s.decision).toMatchObject({ kind: 'approved', category: 'sudden', riskTypes: ['05'], ruleSetVersion: 'gx-2021.1+leye-2021.1' });
    expect(isIdentificationOverdue(s, leye, calendar, '2021-09-30')).toBe(false);
  });

  it('小黄: screened out after the home check, callback on day 3', () => {
    const s = run([
      [{ type: 'startVerification' }, 'county-monitor', '2021-06-08'],
      [{ type: 'screenOut', reason: '家有劳动力2人、面包车1部、营业执照1本' }, 'township-officer', '2021-06-09'],
      [{ type: 'recordCallback' }, 'county-monitor', '2021-06-10'],
    ], leye, startIdentification('2021-06-08'));
    expect(s.step).toBe('closed');
    expect(s.decision?.kind).toBe('screenedOut');
  });

  it('小黄 via the assessment: the county rejects out-of-scope households without deliberation', () => {
    const s = run(
      [
        [{ type: 'startVerification' }, 'county-monitor', '2021-06-08'],
        [{ type: 'recordVerification', consentSigned: true, memberCount: 3 }, 'village-cadre', '2021-06-08'],
        [{ type: 'recordPropertyCheck', memberCount: 3 }, 'county-monitor', '2021-06-09'],
        [{ type: 'rejectAfterAssessment', reason: '家有面包车、营业执照，人均纯收入高于监测范围', memberCount: 3 }, 'county-monitor', '2021-06-09'],
      ],
      leye,
      startIdentification('2021-06-08'),
    );
    expect(s.step).toBe('callback');
    expect(s.decision).toMatchObject({ kind: 'rejected', ruleSetVersion: 'gx-2021.1+leye-2021.1' });
    const noReason = nextState({ ...s, step: 'systemAssessment', decision: null }, { type: 'rejectAfterAssessment', reason: ' ', memberCount: 3 }, as('county-monitor'), '2021-06-10', leye);
    expect(noReason).toMatchObject({ ok: false, reason: 'reasonRequired' });
    const byVillage = nextState({ ...s, step: 'systemAssessment', decision: null }, { type: 'rejectAfterAssessment', reason: 'x', memberCount: 3 }, as('village-cadre'), '2021-06-10', leye);
    expect(byVillage).toMatchObject({ ok: false, reason: 'roleNotAllowed' });
  });

  it('an objection sends the case back to re-verification and restarts the notice', () => {
    const s = run([...toNotice, [{ type: 'raiseObjection', note: '群众反映有车' }, 'township-officer', '2021-08-07']]);
    expect(s.step).toBe('homeVerification');
    expect(s.objections).toBe(1);
    expect(s.noticeStartedOn).toBeNull();
  });

  it('2026+: approval without a category is allowed', () => {
    const start = startIdentification('2026-09-01');
    const s = run(
      [
        [{ type: 'startVerification' }, 'county-monitor', '2026-09-01'],
        [{ type: 'recordVerification', consentSigned: true, memberCount: 3 }, 'village-cadre', '2026-09-01'],
        [{ type: 'recordPropertyCheck', memberCount: 3 }, 'county-monitor', '2026-09-02'],
        [{ type: 'recordAssessment', memberCount: 3 }, 'system', '2026-09-02'],
        [{ type: 'recordDeliberation', result: 'recommend', attendees: 9, minutesRecorded: true }, 'village-cadre', '2026-09-03'],
        [{ type: 'endNotice' }, 'township-officer', '2026-09-08'],
        [{ type: 'townshipApprove' }, 'township-officer', '2026-09-09'],
        [{ type: 'countyDecide', decision: 'approved', riskTypes: ['01'] }, 'county-admin', '2026-09-10'],
      ],
      leye2026,
      start,
    );
    expect(s.decision).toMatchObject({ kind: 'approved', category: null });
  });
});

describe('refusals', () => {
  const atNotice = run(toNotice);
  const atApproval = run([...toNotice, [{ type: 'endNotice' }, 'township-officer', '2021-08-10'], [{ type: 'townshipApprove' }, 'township-officer', '2021-08-10']]);
  const atVerification = run(toNotice.slice(0, 1));
  it.each<[string, IdentificationState, IdentificationEvent, WorkflowRole, string, RuleSet, string]>([
    ['skip a step', startIdentification('2021-08-01'), { type: 'recordPropertyCheck', memberCount: 3 }, 'county-monitor', '2021-08-01', leye, 'transitionNotAllowed'],
    ['village cadre approves', atApproval, { type: 'countyDecide', decision: 'approved', category: 'marginal', riskTypes: ['07'] }, 'village-cadre', '2021-08-12', leye, 'roleNotAllowed'],
    ['no consent', atVerification, { type: 'recordVerification', consentSigned: false, memberCount: 3 }, 'village-cadre', '2021-08-02', leye, 'consentMissing'],
    ['notice closed on day 4', atNotice, { type: 'endNotice' }, 'township-officer', '2021-08-09', leye, 'noticePeriodNotOver'],
    ['Leye: village cadre closes a township notice', atNotice, { type: 'endNotice' }, 'village-cadre', '2021-08-10', leye, 'roleNotAllowed'],
    ['elsewhere: township closes a village notice', atNotice, { type: 'endNotice' }, 'township-officer', '2021-08-10', otherCounty, 'roleNotAllowed'],
    ['approval without risk types', atApproval, { type: 'countyDecide', decision: 'approved', category: 'marginal', riskTypes: [] }, 'county-admin', '2021-08-12', leye, 'riskTypesRequired'],
    ['approval with six risk types', atApproval, { type: 'countyDecide', decision: 'approved', category: 'marginal', riskTypes: ['01', '03', '04', '05', '06', '07'] }, 'county-admin', '2021-08-12', leye, 'tooManyRiskTypes'],
    ['2021-2025 approval without category', atApproval, { type: 'countyDecide', decision: 'approved', riskTypes: ['07'] }, 'county-admin', '2021-08-12', leye, 'categoryRequired'],
    ['rejection without reason', atApproval, { type: 'countyDecide', decision: 'rejected', reason: ' ' }, 'county-admin', '2021-08-12', leye, 'reasonRequired'],
    ['date before the step', atApproval, { type: 'countyDecide', decision: 'rejected', reason: 'x' }, 'county-admin', '2021-08-01', leye, 'dateBeforeStep'],
    ['home check of a case without a household (a self-application)', atVerification, { type: 'recordVerification', consentSigned: true, memberCount: null }, 'village-cadre', '2021-08-02', leye, 'householdMissing'],
    ['property check of nobody', run(toNotice.slice(0, 2)), { type: 'recordPropertyCheck', memberCount: 0 }, 'county-monitor', '2021-08-04', leye, 'householdEmpty'],
    ['assessment of a household of 0 persons', run(toNotice.slice(0, 3)), { type: 'recordAssessment', memberCount: 0 }, 'county-monitor', '2021-08-04', leye, 'householdEmpty'],
    ['rejection on the assessment of no household', run(toNotice.slice(0, 3)), { type: 'rejectAfterAssessment', reason: 'x', memberCount: null }, 'county-monitor', '2021-08-04', leye, 'householdMissing'],
    ['deliberation without minutes', run(toNotice.slice(0, 4)), { type: 'recordDeliberation', result: 'recommend', attendees: 0, minutesRecorded: false }, 'village-cadre', '2021-08-05', leye, 'minutesMissing'],
  ])('%s → %s', (_name, state, event, role, day, ruleSet, reason) => {
    const t = nextIdentificationState(state, event, as(role), day, ruleSet);
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.reason).toBe(reason);
  });

  it.each([
    ['village-cadre', 'homeVerification', 'roleNotAllowed'],
    ['township-officer', 'homeVerification', 'roleNotAllowed'],
    ['county-monitor', 'homeVerification', true],
    // The county admin does not carry out the home check, but may withdraw the case.
    ['county-admin', 'homeVerification', true],
    ['county-admin', 'clueRegistered', true],
    ['village-cadre', 'villageDeliberation', 'roleNotAllowed'],
    ['county-monitor', 'publicNotice', 'transitionNotAllowed'],
  ] as [WorkflowRole, IdentificationStep, true | string][])('withdrawal by %s at %s: %s', (role, step, expected) => {
    const state: IdentificationState = { ...startIdentification('2021-08-01'), step };
    const t = nextIdentificationState(state, { type: 'withdraw', reason: '重复线索' }, as(role), '2021-08-02', leye);
    expect(t.ok ? true : t.reason).toBe(expected);
    expect(mayWithdrawIdentification(step, role)).toBe(expected === true);
  });

  it('a closed case cannot be withdrawn', () => {
    const closed: IdentificationState = { ...startIdentification('2021-08-01'), step: 'closed' };
    const t = nextIdentificationState(closed, { type: 'withdraw', reason: 'x' }, as('county-admin'), '2021-08-02', leye);
    expect(t.ok).toBe(false);
  });
});

describe('deadlines', () => {
  const workingLimit: RuleSet = { ...leye, identificationLimit: { days: 20, unit: 'working' } };
  it.each<[string, IdentificationState, RuleSet, string | null]>([
    ['home check: 3 days', { ...startIdentification('2021-08-01'), step: 'homeVerification', stepEnteredOn: '2021-08-02' }, leye, '2021-08-05'],
    ['property check: 5 days', { ...startIdentification('2021-08-01'), step: 'propertyCheck', stepEnteredOn: '2021-08-03' }, leye, '2021-08-08'],
    ['notice: start + 5 days', { ...startIdentification('2021-08-01'), step: 'publicNotice', stepEnteredOn: '2021-08-05', noticeStartedOn: '2021-08-05' }, leye, '2021-08-10'],
    ['township review: no limit of its own', { ...startIdentification('2021-08-01'), step: 'townshipReview' }, leye, null],
    [
      'working-day step limit over National Day',
      { ...startIdentification('2026-09-28'), step: 'propertyCheck', stepEnteredOn: '2026-09-30' },
      { ...leye2026, stepLimits: { ...leye2026.stepLimits, propertyCheck: { days: 5, unit: 'working' } } },
      '2026-10-13',
    ],
  ])('%s → %s', (_name, state, ruleSet, expected) => {
    expect(identificationStepDeadline(state, ruleSet, calendar)).toBe(expected);
  });

  it.each<[string, RuleSet, string, string]>([
    ['15 calendar days', leye, '2021-08-01', '2021-08-16'],
    ['20 working days over National Day', workingLimit, '2021-09-24', '2021-10-27'],
  ])('whole procedure, %s', (_name, ruleSet, clue, expected) => {
    expect(identificationDeadline({ clueDate: clue }, ruleSet, calendar)).toBe(expected);
  });

  it.each([
    ['2021-08-16', false],
    ['2021-08-17', true],
  ])('open case on %s overdue: %s', (today, overdue) => {
    const s: IdentificationState = { ...startIdentification('2021-08-01'), step: 'townshipReview' };
    expect(isIdentificationOverdue(s, leye, calendar, today)).toBe(overdue);
  });

  it.each([
    ['2026-09-30', '2026-10-13'],
    ['2021-08-12', '2021-08-19'],
    ['2026-02-13', '2026-02-27'],
  ])('cadres assigned within 5 working days of %s → by %s', (approvedOn, expected) => {
    expect(cadreAssignmentDeadline(approvedOn, leye, calendar)).toBe(expected);
  });

  it('refuses to compute a deadline in a year without calendar data', () => {
    expect(() => cadreAssignmentDeadline('2027-03-01', leye, calendar)).toThrow(CalendarYearUnavailableError);
  });
});

describe('a case gets its household before the home check (issue 11 item 2)', () => {
  const dispatched = run(toNotice.slice(0, 1));
  it.each<[string, IdentificationState, boolean, WorkflowRole, string | null]>([
    ['village cadre at the home check', dispatched, false, 'village-cadre', null],
    ['county monitor before dispatching', startIdentification('2021-08-01'), false, 'county-monitor', null],
    ['already linked', dispatched, true, 'village-cadre', 'householdAlreadyLinked'],
    ['after the home check', run(toNotice.slice(0, 2)), false, 'county-monitor', 'transitionNotAllowed'],
    ['a leader', dispatched, false, 'leader', 'roleNotAllowed'],
  ])('%s → %s', (_name, state, hasHousehold, role, reason) => {
    expect(checkHouseholdLink(state, hasHousehold, as(role), leye)?.reason ?? null).toBe(reason);
  });

  it('is dated not before the step began', () => {
    expect(checkHouseholdLink(dispatched, false, as('village-cadre'), leye, '2021-07-31')?.reason).toBe('dateBeforeStep');
    expect(checkHouseholdLink(dispatched, false, as('village-cadre'), leye, '2021-08-01')).toBeNull();
  });
});
