/**
 * Red flags from the property check (财产检索). Each needs an explanation at the village
 * deliberation; none rejects a household by itself (docs/DOMAIN.md "Red flags from the property check";
 * [S27][S42][S44][S45][S46]: warnings that need an explanation, never an automatic rejection).
 */
import type { RuleSet } from '../rulesets/rule-set.schema.ts';
import type { HouseholdAssessmentInput, VehicleKind } from './household-input.ts';

/** Kinds of red flag. */
export type RedFlagCode =
  | 'publicServant'
  | 'vehicle'
  | 'urbanCommercialHousing'
  | 'registeredBusiness'
  | 'hiredLabour'
  | 'largeScaleFarming';

/** One red flag: what was found (zh-CN `message`; `params` for the web's sentence in either language), and who it concerns. */
export interface RedFlag {
  readonly code: RedFlagCode;
  readonly message: string;
  /** publicServant: `name`, `supporter`; vehicle: `kind`, `detail`, `purchasePrice`; housing and business: `detail`. */
  readonly params: Readonly<Record<string, string | number | boolean>>;
  readonly memberId?: string | undefined;
  readonly rule: string;
}

/** zh-CN names of vehicle kinds, as the property check reports them. */
export const VEHICLE_KIND_ZH: Readonly<Record<VehicleKind, string>> = {
  car: '小汽车',
  van: '面包车',
  truck: '货车',
  constructionMachinery: '工程机械',
  motorcycle: '摩托车',
  tricycle: '三轮车',
};

/** English names of vehicle kinds. */
export const VEHICLE_KIND_EN: Readonly<Record<VehicleKind, string>> = {
  car: 'Car',
  van: 'Van',
  truck: 'Truck',
  constructionMachinery: 'Construction machinery',
  motorcycle: 'Motorcycle',
  tricycle: 'Tricycle',
};

const RULE = 'docs/DOMAIN.md#red-flags-from-the-property-check 财产检索红线 [S27][S44][S45][S46]';

/** A flag for one listed asset: what it is, then the asset's own description after a colon when it has one. */
function assetFlag(code: RedFlagCode, what: string, detail: string | undefined, memberId: string | undefined): RedFlag {
  return { code, message: detail ? `${what}：${detail}` : what, params: { detail: detail ?? '' }, memberId, rule: RULE };
}

/**
 * The red flags of a household under the rule set's `redFlags` settings: public servant (also
 * among legal supporters when `includeLegalSupporters`), vehicles of the listed kinds (from the
 * optional purchase price), urban commercial housing, registered business, hired labour,
 * large-scale farming (docs/DOMAIN.md "Red flags from the property check").
 */
export function findRedFlags(
  household: Pick<HouseholdAssessmentInput, 'members' | 'assets'>,
  rules: RuleSet['redFlags'],
): RedFlag[] {
  const flags: RedFlag[] = [];
  if (rules.publicServant) {
    for (const m of household.members) {
      if (m.isPublicServant !== true) continue;
      if (m.isLegalSupporter === true && !rules.includeLegalSupporters) continue;
      const who = m.isLegalSupporter === true ? '法定赡养（扶养）人' : '家庭成员';
      flags.push({ code: 'publicServant', message: `${who}${m.name ?? m.id}为公职人员`, params: { name: m.name ?? m.id, supporter: m.isLegalSupporter === true }, memberId: m.id, rule: RULE });
    }
  }
  const minPrice = rules.vehicleMinPurchasePrice;
  for (const v of household.assets.vehicles) {
    if (!rules.vehicleKinds.includes(v.kind)) continue;
    if (minPrice !== null && v.purchasePrice !== undefined && v.purchasePrice < minPrice) continue;
    const flag = assetFlag('vehicle', `拥有${VEHICLE_KIND_ZH[v.kind]}一部`, v.description, v.ownerMemberId);
    const withKind = { ...flag, params: { ...flag.params, kind: v.kind } };
    flags.push(v.purchasePrice === undefined ? withKind : { ...withKind, message: `${flag.message}（购置价 ${v.purchasePrice} 元）`, params: { ...withKind.params, purchasePrice: v.purchasePrice } });
  }
  if (rules.urbanCommercialHousing) {
    for (const h of household.assets.urbanCommercialHousing) {
      flags.push(assetFlag('urbanCommercialHousing', '在城镇购有商品房', h.description, h.ownerMemberId));
    }
  }
  if (rules.registeredBusiness) {
    for (const b of household.assets.businessLicences) {
      flags.push(assetFlag('registeredBusiness', '登记有营业执照', b.name, b.holderMemberId));
    }
  }
  if (rules.hiredLabour && household.assets.hiresLabour) {
    flags.push({ code: 'hiredLabour', message: '雇用他人从事生产经营', params: {}, rule: RULE });
  }
  if (rules.largeScaleFarming && household.assets.largeScaleFarming) {
    flags.push({ code: 'largeScaleFarming', message: '规模化种养殖', params: {}, rule: RULE });
  }
  return flags;
}
