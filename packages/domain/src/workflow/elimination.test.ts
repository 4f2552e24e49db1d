import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET_VERSIONS } from '../rulesets/defaults/guangxi.ts';
import { calendarForRuleSet, resolveRuleSet } from '../rulesets/resolve-rule-set.ts';
import type { WorkflowActor, WorkflowRole } from './common.ts';
import {
  ELIMINATION_STEPS,
  ELIMINATION_TRANSITIONS,
  type EliminationEvent,
  type EliminationFacts,
  type EliminationState,
  eliminationBlockers,
  eliminationStepDeadline,
  proposeElimination,
} from './elimination.ts';
import { nextState } from './next-state.ts';

const rs = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451021', '2022-06-01'); // line 6700, village notice
const as = (role: WorkflowRole): WorkflowActor => ({ id: `u-${role}`, role });
const good: EliminationFacts = {
  mode: 'assisted',
  identifiedOn: '2021-10-15',
  measuresDelivered: 2,
  isWholeHouseholdWithoutLabour: false,
  perCapitaNetIncome: 9000,
  areBasicNeedsSecured: true,
  isRiskGone: true,
};

describe('eliminationBlockers', () => {
  it.each<[string, Partial<EliminationFacts>, string, number]>([
    ['all conditions met', {}, '2022-06-01', 0],
    ['income at the line is not above it', { perCapitaNetIncome: 6700 }, '2022-06-01', 1],
    ['basic needs not secured', { areBasicNeedsSecured: false }, '2022-06-01', 1],
    ['risk remains', { isRiskGone: false }, '2022-06-01', 1],
    ['whole household without labour', { isWholeHouseholdWithoutLabour: true }, '2022-06-01', 1],
    ['assisted after 5 months', { identifiedOn: '2022-01-02' }, '2022-06-01', 1],
    ['assisted after exactly 6 months', { identifiedOn: '2021-12-01' }, '2022-06-01', 0],
    ['assisted with no measure', { measuresDelivered: 0 }, '2022-06-01', 1],
    ['natural after 1 month without measures', { mode: 'natural', identifiedOn: '2022-05-01', measuresDelivered: 0 }, '2022-06-01', 0],
  ])('%s → %i blockers', (_name, overrides, today, count) => {
    expect(eliminationBlockers({ ...good, ...overrides }, rs, today)).toHaveLength(count);
  });

  it('says each blocker as a code with its figures, never as prose', () => {
    expect(eliminationBlockers({ ...good, perCapitaNetIncome: 6700, identifiedOn: '2022-01-02' }, rs, '2022-06-01')).toEqual([
      { code: 'incomeNotAboveLine', perCapita: 6700, line: rs.monitoringLine.yuanPerPersonYear },
      { code: 'monitoredTooShort', months: 4, minMonths: rs.eliminationMinMonths },
    ]);
  });
});

describe('elimination workflow', () => {
  it('transition table targets are steps', () => {
    for (const step of ELIMINATION_STEPS) for (const t of ELIMINATION_TRANSITIONS[step]) expect(ELIMINATION_STEPS).toContain(t);
  });

  it('refuses a proposal with the blockers listed', () => {
    const t = proposeElimination({ ...good, measuresDelivered: 0, isWholeHouseholdWithoutLabour: true }, as('helping-cadre'), '2022-06-01', rs);
    expect(t.ok).toBe(false);
    if (!t.ok) {
      expect(t.reason).toBe('eliminationNotAllowed');
      expect(t.details).toEqual([{ code: 'noLabour' }, { code: 'tooFewMeasures', minMeasures: 1 }]);
      expect(t.params).toEqual({ count: 2 });
    }
  });

  it('runs to eliminated, re-checking at the county, then rolls back', () => {
    const p = proposeElimination(good, as('helping-cadre'), '2022-06-01', rs);
    if (!p.ok) throw new Error(p.message);
    let s: EliminationState = p.state;
    const steps: [EliminationEvent, WorkflowRole, string][] = [
      [{ type: 'startVerification' }, 'village-cadre', '2022-06-01'],
      [{ type: 'recordVerification' }, 'village-cadre', '2022-06-02'],
      [{ type: 'recordDeliberation', result: 'recommend', attendees: 12, minutesRecorded: true }, 'village-cadre', '2022-06-03'],
      [{ type: 'endNotice' }, 'village-cadre', '2022-06-08'],
      [{ type: 'townshipApprove' }, 'township-officer', '2022-06-09'],
    ];
    for (const [e, role, day] of steps) {
      const t = nextState(s, e, as(role), day, rs);
      if (!t.ok) throw new Error(`${e.type}: ${t.message}`);
      s = t.state;
    }
    const worse = nextState(s, { type: 'countyDecide', decision: 'eliminate', facts: { ...good, isRiskGone: false } }, as('county-admin'), '2022-06-10', rs);
    expect(worse.ok).toBe(false);
    const done = nextState(s, { type: 'countyDecide', decision: 'eliminate', facts: good }, as('county-admin'), '2022-06-10', rs);
    if (!done.ok) throw new Error(done.message);
    expect(done.state).toMatchObject({ step: 'eliminated', eliminatedOn: '2022-06-10', ruleSetVersion: 'gx-2022.1' });
    const back = nextState(done.state, { type: 'rollBack', reason: '因病返贫风险再现' }, as('county-monitor'), '2022-09-01', rs);
    expect(back.ok && back.state.step).toBe('rolledBack');
  });

  it.each<[string, EliminationState['step'], EliminationEvent, WorkflowRole, string]>([
    ['notice not over', 'publicNotice', { type: 'endNotice' }, 'village-cadre', 'noticePeriodNotOver'],
    ['helping cadre decides', 'countyApproval', { type: 'countyDecide', decision: 'eliminate', facts: good }, 'helping-cadre', 'roleNotAllowed'],
    ['eliminate without facts', 'countyApproval', { type: 'countyDecide', decision: 'eliminate' }, 'county-admin', 'eliminationNotAllowed'],
    ['roll back a rejected case', 'rejected', { type: 'rollBack', reason: 'x' }, 'county-admin', 'transitionNotAllowed'],
  ])('%s → %s', (_name, step, event, role, reason) => {
    const p = proposeElimination(good, as('helping-cadre'), '2022-06-01', rs);
    if (!p.ok) throw new Error(p.message);
    const state: EliminationState = { ...p.state, step, noticeStartedOn: '2022-06-01' };
    const t = nextState(state, event, as(role), '2022-06-03', rs);
    expect(t.ok).toBe(false);
    if (!t.ok) expect(t.reason).toBe(reason);
  });

  it('deadline of the notice and of the home check', () => {
    const p = proposeElimination(good, as('helping-cadre'), '2022-06-01', rs);
    if (!p.ok) throw new Error(p.message);
    const calendar = calendarForRuleSet(rs);
    expect(eliminationStepDeadline({ ...p.state, step: 'homeVerification' }, rs, calendar)).toBe('2022-06-04');
    expect(eliminationStepDeadline({ ...p.state, step: 'publicNotice', noticeStartedOn: '2022-06-03' }, rs, calendar)).toBe('2022-06-08');
    expect(eliminationStepDeadline({ ...p.state, step: 'townshipReview' }, rs, calendar)).toBeNull();
  });
});
