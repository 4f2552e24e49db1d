import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET_VERSIONS } from '../rulesets/defaults/guangxi.ts';
import { resolveRuleSet } from '../rulesets/resolve-rule-set.ts';
import { buildHousehold, buildMember } from './fixtures/build-household.ts';
import type { HouseholdAssets } from './household-input.ts';
import { findRedFlags } from './red-flags.ts';

const rules = resolveRuleSet(DEFAULT_RULE_SET_VERSIONS, '451028', '2021-06-01').redFlags;
const none: HouseholdAssets = { vehicles: [], urbanCommercialHousing: [], businessLicences: [], hiresLabour: false, largeScaleFarming: false };

describe('findRedFlags', () => {
  it.each<[string, Partial<HouseholdAssets>, string[]]>([
    ['nothing', {}, []],
    ['van (面包车)', { vehicles: [{ kind: 'van' }] }, ['vehicle']],
    ['car', { vehicles: [{ kind: 'car' }] }, ['vehicle']],
    ['truck', { vehicles: [{ kind: 'truck' }] }, ['vehicle']],
    ['construction machinery', { vehicles: [{ kind: 'constructionMachinery' }] }, ['vehicle']],
    ['motorcycle is not a flag', { vehicles: [{ kind: 'motorcycle' }] }, []],
    ['tricycle is not a flag', { vehicles: [{ kind: 'tricycle' }] }, []],
    ['urban commercial housing', { urbanCommercialHousing: [{}] }, ['urbanCommercialHousing']],
    ['business licence', { businessLicences: [{ name: '个体工商户' }] }, ['registeredBusiness']],
    ['hired labour', { hiresLabour: true }, ['hiredLabour']],
    ['large-scale farming', { largeScaleFarming: true }, ['largeScaleFarming']],
  ])('%s → %j', (_name, assets, codes) => {
    const flags = findRedFlags(buildHousehold({ assets: { ...none, ...assets } }), rules);
    expect(flags.map((f) => f.code)).toEqual(codes);
  });

  it('names the van in Chinese', () => {
    const [flag] = findRedFlags(buildHousehold({ assets: { ...none, vehicles: [{ kind: 'van', purchasePrice: 42000 }] } }), rules);
    expect(flag?.message).toBe('拥有面包车一部（购置价 42000 元）');
  });

  it.each([
    [null, 20000, 1],
    [30000, 20000, 0],
    [30000, 30000, 1],
    [30000, undefined, 1],
  ])('min purchase price %s, vehicle price %s → %i flags', (min, price, n) => {
    const flags = findRedFlags(
      buildHousehold({ assets: { ...none, vehicles: [{ kind: 'car', purchasePrice: price }] } }),
      { ...rules, vehicleMinPurchasePrice: min },
    );
    expect(flags).toHaveLength(n);
  });

  it.each([
    [true, 2],
    [false, 1],
  ])('legal supporters checked: %s → %i public-servant flags', (include, n) => {
    const members = [
      buildMember({ id: 'a', isPublicServant: true }),
      buildMember({ id: 'son', isLegalSupporter: true, isCoResident: false, isPublicServant: true }),
    ];
    const flags = findRedFlags(buildHousehold({ members }), { ...rules, includeLegalSupporters: include });
    expect(flags.filter((f) => f.code === 'publicServant')).toHaveLength(n);
  });

  it('a rule set can switch a flag off', () => {
    const flags = findRedFlags(buildHousehold({ assets: { ...none, businessLicences: [{}] } }), { ...rules, registeredBusiness: false });
    expect(flags).toEqual([]);
  });
});
