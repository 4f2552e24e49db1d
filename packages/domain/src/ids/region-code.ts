/**
 * Statistical region codes (统计用区划代码), 12 digits, with an optional 3-digit group (组/屯) suffix.
 *
 * ```
 * PP CC DD TTT VVV [GGG]
 * 45 10 28 100 201  001
 * │  │  │  │   │    └ group 组/屯 (our extension: village code + 3 digits = 15 digits)
 * │  │  │  │   └ village 行政村
 * │  │  │  └ township 乡镇
 * │  │  └ county 县 (first 6 digits = GB/T 2260 county code)
 * │  └ city 市
 * └ province 省
 * ```
 * A code is written in full (12 or 15 digits); zeros pad the levels below it. docs/DOMAIN.md "Regions".
 */

/** The five statistical levels plus the optional group (组/屯) below a village. */
export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village' | 'group';

/** Region levels from the top down. */
export const REGION_LEVELS = [
  'province',
  'city',
  'county',
  'township',
  'village',
  'group',
] as const satisfies readonly RegionLevel[];

/** Number of significant leading digits of a code at each level. */
export const REGION_PREFIX_LENGTH: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
  group: 15,
};

/**
 * GB/T 2260 province-level codes (省级), including Taiwan (71), Hong Kong (81) and Macao (82).
 * Used by the resident ID check (GB 11643 region part) and `isKnownProvinceCode`.
 */
export const PROVINCE_CODES: readonly string[] = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
];

const provinceCodeSet = new Set(PROVINCE_CODES);

/**
 * Whether the two digits are a GB/T 2260 province code. Separate from `isRegionCode`, which checks
 * structure only, so test fixtures and future codes are not rejected by a stale list.
 */
export function isKnownProvinceCode(twoDigits: string): boolean {
  return provinceCodeSet.has(twoDigits);
}

const allZero = (s: string): boolean => /^0*$/.test(s);

/**
 * Whether `code` is a full, structurally valid region code: 12 digits (province … village) or
 * 15 digits (group). Structural means: non-zero province part, and once a level part is zero every
 * level below it is zero too (a village code must have a non-zero township part, a group code a
 * non-zero village part and a non-zero group part). Does not check the code exists.
 */
export function isRegionCode(code: string): boolean {
  if (!/^(\d{12}|\d{15})$/.test(code)) return false;
  const parts = [code.slice(0, 2), code.slice(2, 4), code.slice(4, 6), code.slice(6, 9), code.slice(9, 12)];
  if (code.length === 15) parts.push(code.slice(12, 15));
  let seenZero = false;
  for (const part of parts) {
    if (allZero(part)) {
      seenZero = true;
    } else if (seenZero) {
      return false;
    }
  }
  if (allZero(parts[0] ?? '')) return false;
  // A 15-digit code is a group: every part, including the group part, must be non-zero.
  if (code.length === 15 && seenZero) return false;
  return true;
}

/**
 * Turns a region code or a significant prefix (2, 4, 6, 9, 12 or 15 digits, e.g. the 6-digit
 * GB/T 2260 county code '451028') into the full code: padded with zeros to 12 digits, a 15-digit
 * group code is kept. Surrounding whitespace is ignored. Throws an Error with a readable message
 * for anything else, so imports and config fail loudly instead of scoping to the wrong region.
 */
export function normalizeRegionCode(code: string): string {
  const trimmed = code.trim();
  if (!/^\d+$/.test(trimmed)) {
    throw new Error(`Region code must contain digits only, got ${JSON.stringify(code)}`);
  }
  if (![2, 4, 6, 9, 12, 15].includes(trimmed.length)) {
    throw new Error(
      `Region code must have 2, 4, 6, 9, 12 or 15 digits, got ${trimmed.length} digits (${JSON.stringify(code)})`,
    );
  }
  const full = trimmed.length === 15 ? trimmed : trimmed.padEnd(12, '0');
  if (!isRegionCode(full)) {
    throw new Error(
      `Region code ${JSON.stringify(code)} is not structurally valid (zero province part, or a non-zero level below a zero level)`,
    );
  }
  return full;
}

/**
 * The level of a region code, read from which parts are zero. Accepts prefixes like
 * `normalizeRegionCode`; throws for invalid codes.
 */
export function regionLevelOf(code: string): RegionLevel {
  const full = normalizeRegionCode(code);
  if (full.length === 15) return 'group';
  if (!allZero(full.slice(9, 12))) return 'village';
  if (!allZero(full.slice(6, 9))) return 'township';
  if (!allZero(full.slice(4, 6))) return 'county';
  if (!allZero(full.slice(2, 4))) return 'city';
  return 'province';
}

/**
 * The significant leading digits of a region code: '45' for a province, '4510' for a city, '451028'
 * for a county, '451028100' for a township, 12 digits for a village, 15 for a group. Every code in
 * the region's subtree starts with it, which is what scoped queries filter on (`LIKE prefix || '%'`).
 */
export function regionSignificantPrefix(code: string): string {
  const full = normalizeRegionCode(code);
  return full.slice(0, REGION_PREFIX_LENGTH[regionLevelOf(full)]);
}

/**
 * Whether `code` is `ancestorCode` itself or lies below it in the region tree. Invalid codes are
 * never within anything (returns false rather than throwing: used in access checks).
 */
export function isWithinRegion(code: string, ancestorCode: string): boolean {
  let full: string;
  let prefix: string;
  try {
    full = normalizeRegionCode(code);
    prefix = regionSignificantPrefix(ancestorCode);
  } catch {
    return false;
  }
  return full.startsWith(prefix);
}

/**
 * The 6-digit GB/T 2260 county code of a county-level or lower region: the shard key
 * (`county_code`) of every household-scoped table (docs/ARCHITECTURE.md "Data"). Throws for province and
 * city codes, which have no single county.
 */
export function countyCodeOf(code: string): string {
  const level = regionLevelOf(code);
  if (level === 'province' || level === 'city') {
    throw new Error(`Region code ${JSON.stringify(code)} is a ${level}, it has no single county code`);
  }
  return normalizeRegionCode(code).slice(0, 6);
}

/**
 * The full code of the region directly above (group → village → township → county → city →
 * province), or null for a province. Purely structural: for counties directly under a province the
 * "city" is the province's 省直辖 pseudo-city part of the code.
 */
export function parentRegionCode(code: string): string | null {
  const full = normalizeRegionCode(code);
  const level = regionLevelOf(full);
  switch (level) {
    case 'province':
      return null;
    case 'group':
      return full.slice(0, 12);
    case 'village':
      return full.slice(0, 9).padEnd(12, '0');
    case 'township':
      return full.slice(0, 6).padEnd(12, '0');
    case 'county':
      return full.slice(0, 4).padEnd(12, '0');
    case 'city':
      return full.slice(0, 2).padEnd(12, '0');
  }
}
