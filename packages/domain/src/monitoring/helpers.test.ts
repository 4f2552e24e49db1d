import { describe, expect, it } from 'vitest';
import { buildWorkingCalendar } from '../calendar/working-days.ts';
import { helperAssignmentDueOn, isHelperAssignmentOverdue } from './helpers.ts';

const calendar = buildWorkingCalendar({});
const five = { cadreAssignmentWorkingDays: 5 };

describe('helperAssignmentDueOn: 5 working days on the official calendar from the approval date', () => {
  it.each([
    ['an ordinary week: Monday → next Monday', '2026-11-02', five, '2026-11-09'],
    ['across National Day 10-01…07 and the make-up Saturday 10-10', '2026-09-30', five, '2026-10-13'],
    ['approved on a holiday: counting starts after it', '2026-10-03', five, '2026-10-13'],
    ['across the Spring Festival 2026 (02-15…23, make-up 02-14 and 02-28)', '2026-02-12', five, '2026-02-26'],
    ['a county that allows 3 working days', '2026-11-02', { cadreAssignmentWorkingDays: 3 }, '2026-11-05'],
  ])('%s', (_name, approvedOn, ruleSet, due) => expect(helperAssignmentDueOn(approvedOn, ruleSet, calendar)).toBe(due));

  it('a year without holiday data fails loudly', () => {
    expect(() => helperAssignmentDueOn('2031-03-02', five, calendar)).toThrow(/No working-day calendar for 2031/);
  });
});

describe('isHelperAssignmentOverdue', () => {
  it.each([
    ['no helper, the due day passed', '2026-10-13', false, '2026-10-14', true],
    ['no helper, on the due day', '2026-10-13', false, '2026-10-13', false],
    ['a helper is assigned', '2026-10-13', true, '2026-12-01', false],
    ['no deadline (identified before Fangpin)', null, false, '2026-12-01', false],
  ] as const)('%s', (_name, due, hasHelper, today, overdue) => expect(isHelperAssignmentOverdue(due, hasHelper, today)).toBe(overdue));
});
