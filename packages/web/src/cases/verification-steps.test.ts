import { describe, expect, it } from 'vitest';
import { verificationValuesFrom } from './case-facts';
import type { VerificationMember, VerificationValues } from './case-model';
import { clampStep, draftOf, firstStepWithError, LAST_VERIFY_STEP, restoreDraft, stepOfField, VERIFY_STEPS } from './verification-steps';

const member = (id: string, name: string): VerificationMember => ({ id, name, relation: '02', birthYear: 1980, labourCapacity: 'full', health: 'healthy', schooling: 'notInSchool' });

// A home check never recorded before: the members of the registry, one empty income row.
const initial: VerificationValues = verificationValuesFrom(null, [member('m1', '黄大'), member('m2', '黄二')], '2026-10');

describe('the steps of the home check', () => {
  it('every field of the form belongs to exactly one step', () => {
    const owned = VERIFY_STEPS.flatMap((s) => [...s.fields]);
    expect(new Set(owned).size).toBe(owned.length);
    expect([...owned].sort()).toEqual(Object.keys(initial).concat('notes').sort());
  });

  it.each([
    [['members', 0, 'health'], 'members'],
    [['incomes', 1, 'month'], 'income'],
    [['operatingCosts', 0, 'amount'], 'income'],
    [['rigidSpending', 0, 'month'], 'spending'],
    [['suddenEvents', 0, 'date'], 'assets'],
    [['problems'], 'problems'],
    [['consentSigned'], 'sign'],
  ] as const)('%j is on the step %s', (name, key) => {
    expect(VERIFY_STEPS[stepOfField(name)!]!.key).toBe(key);
  });

  it('a failed submit goes to the first step with an error, in form order', () => {
    expect(firstStepWithError([{ name: ['consentSigned'] }, { name: ['rigidSpending', 0, 'month'] }, { name: ['incomes', 2, 'month'] }])).toBe(1);
    expect(firstStepWithError([{ name: ['somethingElse'] }])).toBeUndefined();
    expect(firstStepWithError([])).toBeUndefined();
  });

  it('a step index from a draft stays inside the form', () => {
    expect(clampStep(3)).toBe(3);
    expect(clampStep(99)).toBe(LAST_VERIFY_STEP);
    expect(clampStep(-1)).toBe(0);
    expect(clampStep(1.5)).toBe(0);
  });
});

describe('restoring a draft', () => {
  it('puts back what was typed, keeps the members of the household as it is now, never the consent tick', () => {
    const typed: VerificationValues = {
      ...initial,
      members: [{ ...member('m1', '黄大'), health: 'serious', labourCapacity: 'none' }, member('m9', '已迁出')],
      incomes: [{ component: 'wage', amount: 3200, month: '2026-05' }, { component: 'transfer', amount: 800, month: '2026-06' }],
      medicalOutOfPocket: [{ amount: 12000, month: '2026-07' }],
      hiresLabour: true,
      problems: ['basicMedical'],
      notes: '入户时户主住院',
      consentSigned: true,
    };
    // As the server gives it back: JSON, without the consent tick.
    const draft = JSON.parse(JSON.stringify(draftOf(typed))) as Record<string, unknown>;
    expect(draft).not.toHaveProperty('consentSigned');
    const restored = restoreDraft(initial, draft);
    expect(restored.members).toEqual([{ ...member('m1', '黄大'), health: 'serious', labourCapacity: 'none' }, member('m2', '黄二')]);
    expect(restored.incomes).toEqual(typed.incomes);
    expect(restored.medicalOutOfPocket).toEqual(typed.medicalOutOfPocket);
    expect(restored.hiresLabour).toBe(true);
    expect(restored.problems).toEqual(['basicMedical']);
    expect(restored.notes).toBe('入户时户主住院');
    expect(restored.consentSigned).toBe(false);
  });

  it('ignores what has the wrong shape (a draft of an older form) and keeps the initial values', () => {
    const restored = restoreDraft(initial, { incomes: 'not rows', hiresLabour: 'yes', members: 'x', notes: 7, unknown: [1] });
    expect(restored).toEqual(initial);
  });
});
