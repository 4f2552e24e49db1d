import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET_VERSIONS } from '../rulesets/defaults/guangxi.ts';
import { calendarForRuleSet, resolveRuleSet } from '../rulesets/resolve-rule-set.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';
import { ELIMINATION_ROLES, ELIMINATION_STEP_ZH, ELIMINATION_STEPS, ELIMINATION_TRANSITIONS } from './elimination.ts';
import {
  IDENTIFICATION_ROLES,
  IDENTIFICATION_STEP_ZH,
  IDENTIFICATION_STEPS,
  IDENTIFICATION_TRANSITIONS,
} from './identification.ts';
import * as shared from './shared-steps.ts';

const leye = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2021-08-01');
const calendar = calendarForRuleSet(leye);
const reviewSteps = Object.keys(shared.STEP_ZH) as (keyof typeof shared.STEP_ZH)[];

describe('the steps identification and elimination share', () => {
  it('are in both procedures, in the same order, with the same names, roles and review moves', () => {
    const inOrder = (steps: readonly string[]) => steps.filter((s) => (reviewSteps as string[]).includes(s));
    expect(inOrder(IDENTIFICATION_STEPS)).toEqual(reviewSteps);
    expect(inOrder(ELIMINATION_STEPS)).toEqual(reviewSteps);
    for (const step of reviewSteps) {
      expect(IDENTIFICATION_STEP_ZH[step]).toBe(ELIMINATION_STEP_ZH[step]);
      expect(IDENTIFICATION_ROLES[step]).toEqual(ELIMINATION_ROLES[step]);
    }
    for (const step of ['publicNotice', 'townshipReview'] as const) {
      expect(IDENTIFICATION_TRANSITIONS[step]).toEqual(ELIMINATION_TRANSITIONS[step]);
    }
  });

  it.each<[shared.ReviewEvent, string, string | null]>([
    [{ type: 'raiseObjection', note: 'x' }, 'publicNotice', 'homeVerification'],
    [{ type: 'raiseObjection', note: 'x' }, 'townshipReview', null],
    [{ type: 'endNotice' }, 'publicNotice', 'townshipReview'],
    [{ type: 'townshipApprove' }, 'townshipReview', 'countyApproval'],
    [{ type: 'townshipReturn', reason: 'x' }, 'townshipReview', 'homeVerification'],
    [{ type: 'townshipReturn', reason: 'x' }, 'countyApproval', null],
    [{ type: 'withdraw', reason: 'x' }, 'proposed', 'withdrawn'],
  ])('%o from %s leads to %s', (event, step, target) => {
    expect(shared.targetOf(step, event)).toBe(target);
  });

  it('a return or a withdrawal without a reason is refused; an objection counts and clears the notice start', () => {
    const state = { stepEnteredOn: '2021-08-05', noticeStartedOn: '2021-08-05', objections: 1 } as const;
    const blank = shared.applyEvent(state, state, { type: 'townshipReturn', reason: '  ' }, '2021-08-06', leye);
    expect(blank.ok ? null : blank.reason).toBe('reasonRequired');
    const objected = shared.applyEvent(state, state, { type: 'raiseObjection', note: 'x' }, '2021-08-06', leye);
    expect(objected).toEqual({ ok: true, state: { ...state, objections: 2, noticeStartedOn: null } });
  });
});

describe('stepDeadline', () => {
  const limited: RuleSet = {
    ...leye,
    stepLimits: {
      homeVerification: { days: 1, unit: 'calendar' },
      propertyCheck: { days: 2, unit: 'calendar' },
      villageDeliberation: { days: 3, unit: 'calendar' },
      townshipReview: { days: 4, unit: 'calendar' },
      countyApproval: { days: 5, unit: 'calendar' },
      callback: { days: 6, unit: 'calendar' },
    },
  };

  it('reads the rule set limit named after the step, for every limited step', () => {
    const deadlines = Object.keys(limited.stepLimits).map((step) =>
      shared.stepDeadline({ step, stepEnteredOn: '2021-08-10', noticeStartedOn: null }, limited, calendar),
    );
    expect(deadlines).toEqual(['2021-08-11', '2021-08-12', '2021-08-13', '2021-08-14', '2021-08-15', '2021-08-16']);
  });

  it('has no deadline for a step without a limit of its own (nor for a name an object inherits)', () => {
    for (const step of ['clueRegistered', 'systemAssessment', 'proposed', 'eliminated', 'closed', 'constructor', 'toString']) {
      expect(shared.stepDeadline({ step, stepEnteredOn: '2021-08-10', noticeStartedOn: null }, limited, calendar)).toBeNull();
    }
  });

  it('the notice ends noticeDays after it started (or after the step began)', () => {
    expect(shared.stepDeadline({ step: 'publicNotice', stepEnteredOn: '2021-08-10', noticeStartedOn: '2021-08-11' }, leye, calendar)).toBe('2021-08-16');
    expect(shared.stepDeadline({ step: 'publicNotice', stepEnteredOn: '2021-08-10', noticeStartedOn: null }, leye, calendar)).toBe('2021-08-15');
  });
});
