/**
 * The field policy (docs/personal-data.md, "Field policy"): which personal fields each role receives
 * from every read path — registry, cases, warnings, visits, hotline, applications, exports and
 * prints. One table, data checked by `satisfies`, applied by the server's presenters (never page by
 * page), so adding a role fails to compile until its row is decided.
 *
 * What every role gets, whatever its row says: names, relations, sex, the birth YEAR (never the
 * date: with a masked ID number the date is most of the ID), ID numbers masked to the first 6 and
 * the check character, phones masked to 3 + 4, bank accounts to the last 4.
 */
import { maskPersonalDataInText, maskPersonalDataInValue } from '../masking/mask-text.ts';
import type { Role } from './roles.ts';

export type FieldPolicy = {
  /**
   * Whether the role receives a person at all (members, names in cases, visit reports …).
   * Departments only upload their own data and see match statistics.
   */
  readonly persons: boolean;
  /** ID numbers: `revealable` = masked in every view, the full number on an explicit, audited reveal with a reason. */
  readonly idNumber: 'masked' | 'revealable';
  /** Phone numbers: as ID numbers. */
  readonly phone: 'masked' | 'revealable';
  /**
   * Health (健康状况: chronic or serious illness), diagnoses and the notes on medical bills of one
   * person, and the health sources' wording on warnings (医保, 卫健).
   */
  readonly healthDetail: boolean;
  /** Disability (残疾) of one person: that a member is disabled, and the disability source's wording. */
  readonly disabilityDetail: boolean;
  /**
   * Free text typed by staff or villagers (descriptions, call content, visit notes, comments):
   * `asTyped`, or with ID and phone numbers masked (`maskPersonalDataInText`). ID numbers are
   * masked in free text before it is stored, for everyone.
   */
  readonly freeText: 'asTyped' | 'numbersMasked';
};

/** The roles that carry out identification and verification: every detail, numbers revealable (audited). */
const CASEWORK_POLICY = {
  persons: true,
  idNumber: 'revealable',
  phone: 'revealable',
  healthDetail: true,
  disabilityDetail: true,
  freeText: 'asTyped',
} as const satisfies FieldPolicy;

/** The roles that read without carrying out the procedure: no health or disability detail, numbers masked everywhere. */
const READER_POLICY = {
  persons: true,
  idNumber: 'masked',
  phone: 'masked',
  healthDetail: false,
  disabilityDetail: false,
  freeText: 'numbersMasked',
} as const satisfies FieldPolicy;

/**
 * Per role, and why:
 * - county admin, county monitor, township officer, village cadre: they carry out identification
 *   and verification, so they see health and disability and may reveal an ID number or phone when
 *   the work needs it (audited, with a reason).
 * - helping cadre (帮扶干部): helps households assigned to them (issue #13); assignment does not
 *   exist yet, so today a helping cadre sees every household of its region — conservatively
 *   without health or disability detail, with numbers masked everywhere, and cannot reveal.
 *   Issue #13 may grant detail for the households assigned to them.
 * - leader (领导): statistics and oversight; reads households and cases but gets no individual
 *   health or disability detail and no full numbers.
 * - department (部门数据员): uploads its own data, sees no persons.
 */
export const FIELD_POLICY = {
  'county-admin': CASEWORK_POLICY,
  'county-monitor': CASEWORK_POLICY,
  'township-officer': CASEWORK_POLICY,
  'village-cadre': CASEWORK_POLICY,
  'helping-cadre': READER_POLICY,
  department: { ...READER_POLICY, persons: false },
  leader: READER_POLICY,
} as const satisfies Record<Role, FieldPolicy>;

/** The field policy of a role. */
export function fieldPolicyOf(role: Role): FieldPolicy {
  return FIELD_POLICY[role];
}

/**
 * The age a person born in `birthYear` reaches in the year of `today` (今年满 N 岁). Views show
 * this and the birth year, never an age in completed years: that one changes on the birthday, so
 * watching it day by day would give the birth date away.
 */
export function ageReachedThisYear(birthYear: number, today: string): number {
  return Number(today.slice(0, 4)) - birthYear;
}

const DISABILITY = new Set(['disabled', 'severelyDisabled']);

/**
 * A member's health status (健康状况) as `policy` lets it out: null when the role gets no health
 * detail (for every member, healthy or not: a gap only for the ill would tell), and null for a
 * disability when it gets no disability detail.
 */
export function healthFor(policy: FieldPolicy, health: string | null | undefined): string | null {
  if (health === null || health === undefined) return null;
  if (!policy.healthDetail) return null;
  if (DISABILITY.has(health) && !policy.disabilityDetail) return null;
  return health;
}

/** Free text as `policy` lets it out: as typed, or with ID and phone numbers masked. */
export function freeTextFor(policy: FieldPolicy, text: string): string;
export function freeTextFor(policy: FieldPolicy, text: string | null): string | null;
export function freeTextFor(policy: FieldPolicy, text: string | null): string | null {
  if (text === null || policy.freeText === 'asTyped') return text;
  return maskPersonalDataInText(text);
}

/** `freeTextFor` over every string of a JSON-like value (case facts, timeline data, snapshots). */
export function freeValueFor<T>(policy: FieldPolicy, value: T): T {
  return policy.freeText === 'asTyped' ? value : maskPersonalDataInValue(value);
}

/** Department sources whose records name an illness (医保 settlements, 卫健 serious-illness lists). */
const HEALTH_SOURCES: ReadonlySet<string> = new Set(['medical', 'health']);
/** Department sources whose records name a disability (残联). */
const DISABILITY_SOURCES: ReadonlySet<string> = new Set(['disability']);

/**
 * Whether `policy` withholds the wording and numbers of a warning (or the clue and case it became)
 * that rests on these department sources: the medical amounts of one family, that a member is a
 * serious-illness patient, the kind of a disability. The risk type (因病, 因残) stays visible.
 */
export function withholdsSourceDetail(policy: FieldPolicy, sources: readonly string[]): boolean {
  return sources.some(
    (s) => (HEALTH_SOURCES.has(s) && !policy.healthDetail) || (DISABILITY_SOURCES.has(s) && !policy.disabilityDetail),
  );
}

/** What replaces withheld wording (zh-CN, as warning messages are). */
export const WITHHELD_HEALTH_TEXT = '涉及健康信息，详情仅核实人员可见';
