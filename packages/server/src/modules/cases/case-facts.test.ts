import { describe, expect, it } from 'vitest';
import { assessmentMemberOf, mergeAssets, NO_ASSETS, verifiedMemberChanges } from './case-facts.ts';

describe('mergeAssets', () => {
  it('counts the same van once when the registry and the family both report it, but keeps two vans when one side saw two', () => {
    const registry = { ...NO_ASSETS, vehicles: [{ kind: 'van' as const, description: '面包车 桂J·12345', ownerMemberId: 'm1' }], businessLicences: [{ name: '小东货运部' }] };
    const declared = { ...NO_ASSETS, vehicles: [{ kind: 'van' as const }, { kind: 'motorcycle' as const }], hiresLabour: true };
    const merged = mergeAssets(registry, declared);
    expect(merged.vehicles.map((v) => v.kind).sort()).toEqual(['motorcycle', 'van']);
    const twoVans = mergeAssets(registry, { ...NO_ASSETS, vehicles: [{ kind: 'van' }, { kind: 'van' }] });
    expect(twoVans.vehicles).toHaveLength(2);
    expect(merged.businessLicences).toEqual([{ name: '小东货运部' }]);
    expect(merged.hiresLabour).toBe(true);
    const one = mergeAssets(registry, { ...NO_ASSETS, vehicles: [{ kind: 'van' }] });
    expect(one.vehicles).toEqual([{ kind: 'van', description: '面包车 桂J·12345', ownerMemberId: 'm1' }]);
    expect(mergeAssets(registry, null)).toBe(registry);
  });
});

describe('assessmentMemberOf', () => {
  it('reads the registry’s 在校生 by age and defaults unknown labour and health', () => {
    const base = { id: 'm', name: '张家宝', relation: 'son', sex: 'male', migrantMonths: null, idMasked: '' };
    expect(assessmentMemberOf({ ...base, birthDate: '2014-03-01', labourCapacity: null, health: null, schooling: 'inSchool' }, '2026-11-29')).toMatchObject({
      schooling: 'compulsory',
      labourCapacity: 'notApplicable',
      health: 'healthy',
    });
    expect(assessmentMemberOf({ ...base, birthDate: '2009-03-01', labourCapacity: 'partial', health: 'serious', schooling: 'inSchool' }, '2026-11-29')).toMatchObject({ schooling: 'highSchool', labourCapacity: 'partial', health: 'serious' });
    expect(assessmentMemberOf({ ...base, birthDate: '1970-01-01', labourCapacity: 'full', health: 'healthy', schooling: 'primary' }, '2026-11-29').schooling).toBe('notInSchool');
  });
});

describe('verifiedMemberChanges', () => {
  const registry = (over: Partial<Parameters<typeof verifiedMemberChanges>[1][number]>) => ({ id: 'm1', name: '黄德贵', relation: 'head', birthYear: 1966, birthDate: '1966-03-01', sex: 'male', labourCapacity: 'full', health: 'healthy', schooling: 'primary', migrantMonths: null, idMasked: '', ...over });
  const verified = (over: Partial<Parameters<typeof verifiedMemberChanges>[0][number]>) => ({ id: 'm1', labourCapacity: 'full' as const, health: 'healthy' as const, schooling: 'notInSchool' as const, ...over });

  it.each<[string, Parameters<typeof verifiedMemberChanges>[0][number], Parameters<typeof verifiedMemberChanges>[1][number], object | null]>([
    ['serious illness and no labour found', verified({ health: 'serious', labourCapacity: 'none' }), registry({}), { health: 'serious', labourCapacity: 'none' }],
    ['severe disability is the registry’s 残疾', verified({ health: 'severelyDisabled' }), registry({}), { health: 'disabled' }],
    ['a child in school is 在校生', verified({ schooling: 'compulsory', labourCapacity: 'notApplicable' }), registry({ schooling: null, labourCapacity: 'notApplicable' }), { schooling: 'inSchool' }],
    ['“not in school” keeps the level of education', verified({}), registry({ schooling: 'juniorHigh' }), null],
    ['the form’s defaults do not overwrite an unknown value', verified({ labourCapacity: 'notApplicable' }), registry({ health: null, labourCapacity: null }), null],
    ['a member the form listed without a registry id is left out', verified({ id: 'new-1', health: 'serious' }), registry({}), null],
  ])('%s', (_name, v, r, changes) => {
    const out = verifiedMemberChanges([v], [r]);
    expect(out[0]?.changes ?? null).toEqual(changes);
  });
});
