import { describe, expect, it } from 'vitest';
import { FOUNDING_STORY_HOUSEHOLDS } from './fixtures/founding-story.ts';
import { HouseholdAssessmentInputSchema, parseHouseholdAssessmentInput } from './household-input.schema.ts';

describe('HouseholdAssessmentInputSchema', () => {
  it.each(FOUNDING_STORY_HOUSEHOLDS.map((f) => [f.household.id, f.household] as const))('%s round-trips through JSON', (_id, h) => {
    expect(parseHouseholdAssessmentInput(JSON.parse(JSON.stringify(h)))).toEqual(h);
  });

  it('fills defaults for a minimal household', () => {
    const h = parseHouseholdAssessmentInput({
      id: 'min',
      regionCode: '451028',
      householdType: 'ordinary',
      applicationDate: '2026-06-01',
      members: [{ id: 'a', birthDate: '1980-01-01', labourCapacity: 'full', health: 'healthy', schooling: 'notInSchool' }],
      incomes: [],
    });
    expect(h.assets.vehicles).toEqual([]);
    expect(h.problems.housingSafety).toBe(false);
  });

  it.each([
    ['bad month', { incomes: [{ component: 'wage', amount: 1, month: '2026-13' }] }, 'incomes.0.month'],
    ['bad date', { applicationDate: '2026-02-30' }, 'applicationDate'],
    ['unknown labour', { members: [{ id: 'a', birthDate: '1980-01-01', labourCapacity: 'some', health: 'healthy', schooling: 'notInSchool' }] }, 'members.0.labourCapacity'],
    ['bad region', { regionCode: '45' }, 'regionCode'],
  ])('%s is refused at %s', (_name, patch, path) => {
    const base = { id: 'x', regionCode: '451028', householdType: 'ordinary', applicationDate: '2026-06-01', members: [], incomes: [] };
    const r = HouseholdAssessmentInputSchema.safeParse({ ...base, ...patch });
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
