/**
 * What the assessment reads about a household (issue 3 item 3; docs/DOMAIN.md "Glossary": "household",
 * "member"; docs/DOMAIN.md "Data items"). Plain data: the server builds it from the
 * registry, the field app from its offline copy, `fangpin assess FILE` from JSON.
 */
import type { IsoDate } from '../calendar/dates.ts';
import type { DisasterSubtype } from '../codes/risk-types.ts';
import type {
  AmountRecord,
  IncomeAccountingInput,
  IncomeMember,
  OutOfPocketRecord,
} from '../income/per-capita-income.ts';

/**
 * Household type (户类型): `formerlyPoor` 脱贫户 (ex-建档立卡) or `ordinary` 一般农户. Same values as
 * `HouseholdType` in codes/registry-codes.ts; not exported here to keep one public name.
 */
type HouseholdType = 'formerlyPoor' | 'ordinary';

/**
 * Monitoring category (监测对象类别): `unstable` 脱贫不稳定户 · `marginal` 边缘易致贫户 ·
 * `sudden` 突发严重困难户 (docs/DOMAIN.md "Monitoring categories").
 */
export type MonitoringCategory = 'unstable' | 'marginal' | 'sudden';

/** zh-CN names of the monitoring categories. */
export const MONITORING_CATEGORY_ZH: Readonly<Record<MonitoringCategory, string>> = { unstable: '脱贫不稳定户', marginal: '边缘易致贫户', sudden: '突发严重困难户' };
export const MONITORING_CATEGORY_EN: Readonly<Record<MonitoringCategory, string>> = { unstable: 'Unstable formerly poor', marginal: 'Marginal, at risk', sudden: 'Sudden severe hardship' };

/**
 * Labour capacity (劳动能力): full 普通劳动力 · partial 弱/半劳动力 · none 丧失劳动力 · notApplicable 不是劳动力
 * (child, student, elderly). Same values as `LabourCapacity` in codes/registry-codes.ts; not
 * exported here to keep one public name.
 */
type LabourCapacity = 'full' | 'partial' | 'none' | 'notApplicable';

/**
 * Health (健康状况): the registry's codes (codes/registry-codes.ts `HealthStatus`: 健康 · 长期慢性病 ·
 * 患有大病 · 残疾) plus `severelyDisabled` 重度残疾 from the national code table [S62].
 */
export type MemberHealth = 'healthy' | 'chronic' | 'serious' | 'disabled' | 'severelyDisabled';

/** Schooling (在校生情况); `dropout` = left compulsory education (辍学). */
export type SchoolingStatus =
  | 'notInSchool'
  | 'preschool'
  | 'compulsory'
  | 'highSchool'
  | 'vocational'
  | 'higher'
  | 'dropout';

/** Employment situation as cadres or 人社 data report it. */
export type EmploymentStatus = 'stable' | 'unstable' | 'unemployed' | 'notWorking';

/** A household member (家庭成员). Legal supporters (non-co-resident children, spouses) may be listed for the property check. */
export interface HouseholdMember extends IncomeMember {
  readonly id: string;
  readonly name?: string | undefined;
  readonly birthDate: IsoDate;
  /** Relation to the head (national codes 01 self, 10 spouse, 20 son … [S62]). */
  readonly relation?: string | undefined;
  readonly labourCapacity: LabourCapacity;
  readonly health: MemberHealth;
  /** Free text, e.g. 地中海贫血. Never shown in public notices. */
  readonly healthNote?: string | undefined;
  readonly schooling: SchoolingStatus;
  readonly employment?: EmploymentStatus | undefined;
  readonly migrantWorkMonths?: number | undefined;
  readonly isPublicServant?: boolean | undefined;
}

/** Vehicle kinds the property check reports (面包车 = van). */
export type VehicleKind = 'car' | 'van' | 'truck' | 'constructionMachinery' | 'motorcycle' | 'tricycle';

/** Assets found by the property check (财产检索; docs/DOMAIN.md "Red flags"). */
export interface HouseholdAssets {
  readonly vehicles: readonly {
    readonly kind: VehicleKind;
    readonly purchasePrice?: number | undefined;
    readonly ownerMemberId?: string | undefined;
    readonly description?: string | undefined;
  }[];
  readonly urbanCommercialHousing: readonly { readonly description?: string | undefined; readonly ownerMemberId?: string | undefined }[];
  readonly businessLicences: readonly { readonly name?: string | undefined; readonly holderMemberId?: string | undefined }[];
  readonly hiresLabour: boolean;
  readonly largeScaleFarming: boolean;
}

/** 两不愁三保障 and drinking water problems found at the home visit (true = problem present). */
export interface HouseholdProblems {
  /** Food or clothing not secured (两不愁). */
  readonly foodAndClothing?: boolean | undefined;
  /** Compulsory education not secured (dropout). */
  readonly compulsoryEducation: boolean;
  /** Basic medical care not secured (member without basic medical insurance). */
  readonly basicMedical: boolean;
  /** Housing not safe. */
  readonly housingSafety: boolean;
  /** Drinking water not safe. */
  readonly drinkingWater: boolean;
}

/** Rigid spending not already counted as compliant out-of-pocket spending (funeral, schooling costs, house repair …). */
export interface RigidSpendingItem extends AmountRecord {
  readonly kind: 'medical' | 'education' | 'housing' | 'funeral' | 'other';
}

/** A sudden event (突发事件) with its loss. */
export interface SuddenEvent {
  readonly kind: 'accident' | 'fire' | 'disaster';
  readonly date: IsoDate;
  /** Loss in yuan (property destroyed, costs caused). */
  readonly lossAmount: number;
  readonly disasterSubtype?: DisasterSubtype | undefined;
  readonly note?: string | undefined;
}

/** Signals from department data comparison or cadre visits (docs/DOMAIN.md "Department signals"). */
export interface HouseholdSignals {
  /** 人社: unemployment, unstable work, lost migrant job. */
  readonly unstableEmployment?: boolean | undefined;
  /** 农业农村: a failed industry project. */
  readonly industryProjectFailed?: boolean | undefined;
  /** Operating income of the 12 months before the window, for the year-on-year drop. */
  readonly previousOperatingIncome?: number | undefined;
}

/**
 * Everything `assessHousehold` reads: what income accounting reads (its application date, incomes
 * and operating costs; here the members in full and the claims and out-of-pocket spending always
 * given), and the household's type, spending, assets, problems, events and signals.
 */
export interface HouseholdAssessmentInput extends IncomeAccountingInput {
  readonly id: string;
  readonly regionCode: string;
  readonly householdType: HouseholdType;
  readonly members: readonly HouseholdMember[];
  readonly insuranceClaims: readonly AmountRecord[];
  readonly compliantOutOfPocket: readonly OutOfPocketRecord[];
  readonly rigidSpending: readonly RigidSpendingItem[];
  readonly assets: HouseholdAssets;
  readonly problems: HouseholdProblems;
  readonly suddenEvents: readonly SuddenEvent[];
  readonly signals?: HouseholdSignals | undefined;
}

/** Labour capacity counts as "can work" when full or partial (docs/DOMAIN.md "Coverage rules"). */
export function canWork(member: { readonly labourCapacity: LabourCapacity }): boolean {
  return member.labourCapacity === 'full' || member.labourCapacity === 'partial';
}
