import { describe, expect, it } from 'vitest';
import {
  ageReachedThisYear,
  FIELD_POLICY,
  fieldPolicyOf,
  freeTextFor,
  freeValueFor,
  healthFor,
  withholdsSourceDetail,
} from './field-policy.ts';
import { ROLES, roleAllows } from './roles.ts';

describe('FIELD_POLICY', () => {
  it.each(ROLES)('%s: full numbers are revealable exactly when the role has member.reveal', (role) => {
    const policy = fieldPolicyOf(role);
    const mayReveal = roleAllows(role, 'member.reveal');
    expect(policy.idNumber === 'revealable').toBe(mayReveal);
    expect(policy.phone === 'revealable').toBe(mayReveal);
    // Free text is read as typed only by those who could reveal the numbers in it anyway.
    expect(policy.freeText === 'asTyped').toBe(mayReveal);
  });

  it.each(ROLES)('%s: persons are received exactly when the role reads households', (role) => {
    expect(fieldPolicyOf(role).persons).toBe(roleAllows(role, 'household.read'));
  });

  it.each([
    ['leader', false],
    ['helping-cadre', false],
    ['department', false],
    ['village-cadre', true],
    ['township-officer', true],
    ['county-monitor', true],
    ['county-admin', true],
  ] as const)('%s receives health and disability detail: %s', (role, expected) => {
    expect(FIELD_POLICY[role].healthDetail).toBe(expected);
    expect(FIELD_POLICY[role].disabilityDetail).toBe(expected);
  });
});

describe('ageReachedThisYear', () => {
  it.each([
    [1990, '2026-01-01', 36],
    [1990, '2026-12-31', 36],
    [2026, '2026-06-30', 0],
  ])('born %i, on %s → %i', (year, today, age) => {
    expect(ageReachedThisYear(year, today)).toBe(age);
  });
});

describe('healthFor / freeTextFor', () => {
  it.each([
    ['village-cadre', 'serious', 'serious'],
    ['village-cadre', 'disabled', 'disabled'],
    ['leader', 'serious', null],
    ['leader', 'healthy', null],
    ['helping-cadre', 'disabled', null],
    ['leader', null, null],
  ] as const)('%s sees health %s as %s', (role, health, expected) => {
    expect(healthFor(fieldPolicyOf(role), health)).toBe(expected);
  });

  it('masks numbers in free text for roles without the reveal right only', () => {
    const text = '回电 13812345678';
    expect(freeTextFor(fieldPolicyOf('county-monitor'), text)).toBe(text);
    expect(freeTextFor(fieldPolicyOf('leader'), text)).toBe('回电 138****5678');
    expect(freeTextFor(fieldPolicyOf('leader'), null)).toBeNull();
    expect(freeValueFor(fieldPolicyOf('helping-cadre'), { notes: [text] })).toEqual({ notes: ['回电 138****5678'] });
  });
});

describe('withholdsSourceDetail', () => {
  it.each([
    ['leader', ['medical'], true],
    ['leader', ['health'], true],
    ['leader', ['disability'], true],
    ['leader', ['civilAffairs'], false],
    ['leader', ['emergency', 'medical'], true],
    ['township-officer', ['medical'], false],
    ['helping-cadre', ['disability'], true],
  ] as const)('%s, sources %j → %s', (role, sources, expected) => {
    expect(withholdsSourceDetail(fieldPolicyOf(role), sources)).toBe(expected);
  });
});
