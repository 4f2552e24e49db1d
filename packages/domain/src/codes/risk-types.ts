/**
 * Risk types (风险类型) with the codes used by the national monitoring system. Codes are national
 * constants (docs/STYLE.md rule 9), so they live in code; everything numeric lives in rule sets.
 * Source: docs/DOMAIN.md "Risk types" [S61][S62][S40]. Codes 10 and 11 are
 * ours for types seen in national exports without a published code.
 */

/** One risk type: national code with its Chinese and English names. */
export interface RiskTypeInfo {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

/** All risk types, keyed by code name: `RISK_TYPES.illness.code === '01'`. */
export const RISK_TYPES = {
  illness: { code: '01', zh: '因病', en: 'illness' },
  disasterFlood: { code: '0201', zh: '因自然灾害（洪涝）', en: 'natural disaster: flood' },
  disasterGeological: { code: '0202', zh: '因自然灾害（地质灾害）', en: 'natural disaster: geological' },
  disasterDrought: { code: '0203', zh: '因自然灾害（干旱）', en: 'natural disaster: drought' },
  disasterBiological: { code: '0204', zh: '因自然灾害（生物灾害）', en: 'natural disaster: biological' },
  disasterMeteorological: { code: '0205', zh: '因自然灾害（气象灾害）', en: 'natural disaster: meteorological' },
  disasterEarthquake: { code: '0206', zh: '因自然灾害（地震）', en: 'natural disaster: earthquake' },
  disasterOther: { code: '0299', zh: '因自然灾害（其他）', en: 'natural disaster: other' },
  disability: { code: '03', zh: '因残', en: 'disability' },
  lackOfLabour: { code: '04', zh: '缺劳动力', en: 'lack of labour' },
  accident: { code: '05', zh: '因意外事故', en: 'accident' },
  failedIndustryProject: { code: '06', zh: '因产业项目失败', en: 'failed industry project' },
  unstableEmployment: { code: '07', zh: '因务工就业不稳', en: 'unstable employment' },
  schooling: { code: '09', zh: '因学', en: 'schooling costs' },
  housingSafety: { code: '10', zh: '因安全住房', en: 'housing safety' },
  drinkingWater: { code: '11', zh: '因安全饮水', en: 'drinking-water safety' },
  other: { code: '99', zh: '其他', en: 'other' },
} as const satisfies Record<string, RiskTypeInfo>;

/** Code name of a risk type, e.g. `'illness'`. */
export type RiskTypeName = keyof typeof RISK_TYPES;
/** National code of a risk type, e.g. `'01'` (因病) or `'0201'` (flood). */
export type RiskTypeCode = (typeof RISK_TYPES)[RiskTypeName]['code'];

/** Every risk-type code in national order. */
export const RISK_TYPE_CODES: readonly RiskTypeCode[] = Object.values(RISK_TYPES).map((r) => r.code);

/** Natural-disaster subtypes (0201–0299) as the sudden-event input names them. */
export type DisasterSubtype = 'flood' | 'geological' | 'drought' | 'biological' | 'meteorological' | 'earthquake' | 'other';

/** Disaster subtype → risk code (docs/DOMAIN.md "Risk types": 0201–0299 因自然灾害, one code per kind). */
export const DISASTER_SUBTYPE_CODES = {
  flood: '0201',
  geological: '0202',
  drought: '0203',
  biological: '0204',
  meteorological: '0205',
  earthquake: '0206',
  other: '0299',
} as const satisfies Record<DisasterSubtype, RiskTypeCode>;

/** A household carries at most this many risk types (风险1…风险5 in the national form, [S22][S40]). */
export const MAX_RISK_TYPES_PER_HOUSEHOLD = 5;

const BY_CODE: ReadonlyMap<string, RiskTypeInfo> = new Map(Object.values(RISK_TYPES).map((r) => [r.code, r]));

/** True when `code` is a known national risk-type code (used to validate imports and rule input). */
export function isRiskTypeCode(code: string): code is RiskTypeCode {
  return BY_CODE.has(code);
}

/** The risk type for a code, or undefined; for showing names beside stored codes (docs/DOMAIN.md "Risk types": keep the codes, show the names). */
export function riskTypeByCode(code: string): RiskTypeInfo | undefined {
  return BY_CODE.get(code);
}

/**
 * The risk types of a sudden loss that may take the green channel (绿色通道: assistance before
 * approval, docs/DOMAIN.md "Green channel"): natural disasters (the family 02 and each subtype) and
 * accidents.
 */
export const GREEN_CHANNEL_RISK_TYPES: readonly RiskTypeName[] = [
  'disasterFlood',
  'disasterGeological',
  'disasterDrought',
  'disasterBiological',
  'disasterMeteorological',
  'disasterEarthquake',
  'disasterOther',
  'accident',
];

/** The family code of natural disasters, as older lists record it without a subtype. */
export const NATURAL_DISASTER_FAMILY_CODE = '02';

const GREEN_CHANNEL_CODES: ReadonlySet<string> = new Set([NATURAL_DISASTER_FAMILY_CODE, ...GREEN_CHANNEL_RISK_TYPES.map((name) => RISK_TYPES[name].code)]);

/** Whether a risk-type code (a disaster or an accident) opens the green channel. */
export function isGreenChannelRiskType(code: string): boolean {
  return GREEN_CHANNEL_CODES.has(code);
}

/** True for the natural-disaster family 0201–0299 (they share one coverage and one category rule). */
export function isNaturalDisasterRisk(code: string): boolean {
  return code.length === 4 && code.startsWith('02') && BY_CODE.has(code);
}
