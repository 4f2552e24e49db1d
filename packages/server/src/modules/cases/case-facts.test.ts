import { describe, expect, it } from 'vitest';
import { assessmentMemberOf, mergeAssets, NO_ASSETS } from './case-facts.ts';

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
