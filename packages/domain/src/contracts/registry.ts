/**
 * The household registry (农户信息) API: search, a household with its members, edits, reveals,
 * history, and the registry import (issue 12: one contract for server and web).
 */
import { z } from 'zod';
import { MONITORING_STATUSES } from '../monitoring/monitoring-object.ts';

/** 户类型: formerlyPoor 脱贫户, ordinary 一般农户. */
export const HOUSEHOLD_TYPES = ['formerlyPoor', 'ordinary'] as const;
export const HouseholdTypeSchema = z.enum(HOUSEHOLD_TYPES);

/** A path parameter `:id` (an id that is not a uuid is simply not found). */
export const IdParamsSchema = z.object({ id: z.string() });

export const RegionRefSchema = z.object({ code: z.string(), name: z.string(), level: z.string() });
export type RegionRef = z.infer<typeof RegionRefSchema>;

export const HouseholdSearchQuerySchema = z.strictObject({
  q: z.string().max(100).optional(),
  type: HouseholdTypeSchema.optional(),
  regionCode: z.string().max(15).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
/** What the web sends (page and size always given). */
export type HouseholdQuery = z.input<typeof HouseholdSearchQuerySchema> & { page: number; pageSize: number };

export const HouseholdSummarySchema = z
  .object({
    id: z.string(),
    householdNumber: z.string(),
    type: HouseholdTypeSchema,
    regionCode: z.string(),
    villageName: z.string(),
    townshipName: z.string(),
    address: z.string(),
    headName: z.string(),
    memberCount: z.number(),
    phoneMasked: z.string(),
    /** The household's monitoring status (监测中, 风险已消除 …), null when it was never a monitoring object. */
    monitoringStatus: z.enum(MONITORING_STATUSES).nullable(),
  })
  .meta({ id: 'HouseholdSummary' });
export type HouseholdSummary = z.infer<typeof HouseholdSummarySchema>;

export const HouseholdPageSchema = z.object({
  items: z.array(HouseholdSummarySchema),
  total: z.number().describe('how many households match, counted up to a cap (10,000): past it `total` is the cap and `totalCapped` is true'),
  totalCapped: z.boolean().describe('more households match than `total` says: narrow the search'),
  page: z.number(),
  pageSize: z.number(),
});
export type HouseholdPage = z.infer<typeof HouseholdPageSchema>;

/** A page of any list the API pages (items, total, page, pageSize). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const MemberSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    sex: z.string(),
    /** The birth year only: the full date is part of the ID number (docs/personal-data.md). */
    birthYear: z.number(),
    idNumberMasked: z.string().describe('first 6 and the check character, e.g. 451028***********X'),
    phoneMasked: z.string(),
    relation: z.string(),
    health: z.string().nullable().describe("null when the role's field policy withholds health (abilities.canSeeHealth)"),
    labourCapacity: z.string().nullable(),
    schooling: z.string().nullable(),
    migrantMonths: z.number().nullable(),
    hasMedicalInsurance: z.boolean().nullable(),
    hasPensionInsurance: z.boolean().nullable(),
    isDibao: z.boolean().nullable(),
    isTekun: z.boolean().nullable(),
    version: z.number(),
  })
  .meta({ id: 'Member' });
export type Member = z.infer<typeof MemberSchema>;

export const HouseholdDetailSchema = z
  .object({
    id: z.string(),
    householdNumber: z.string(),
    type: HouseholdTypeSchema,
    regionCode: z.string(),
    regionPath: z.array(RegionRefSchema),
    address: z.string(),
    phoneMasked: z.string(),
    version: z.number(),
    members: z.array(MemberSchema),
    /** Whether the household is a monitoring object, and its status; null when it never was. */
    monitoring: z.object({ status: z.enum(MONITORING_STATUSES), category: z.string().nullable(), riskTypes: z.array(z.string()), identifiedOn: z.string().nullable() }).nullable(),
    abilities: z.object({ canReveal: z.boolean(), canEdit: z.boolean(), canSeeHealth: z.boolean() }),
  })
  .meta({ id: 'HouseholdDetail' });
export type HouseholdDetail = z.infer<typeof HouseholdDetailSchema>;

export const HouseholdPatchSchema = z.strictObject({ version: z.number().int(), address: z.string().max(200).optional(), phone: z.string().max(30).optional(), type: HouseholdTypeSchema.optional() });
export type HouseholdPatch = z.infer<typeof HouseholdPatchSchema>;

export const MemberPatchSchema = z.strictObject({
  version: z.number().int(),
  name: z.string().min(1).max(50).optional(),
  relation: z.string().max(30).optional(),
  health: z.string().max(30).nullable().optional(),
  labourCapacity: z.string().max(30).nullable().optional(),
  schooling: z.string().max(30).nullable().optional(),
  migrantMonths: z.number().int().min(0).max(12).nullable().optional(),
  hasMedicalInsurance: z.boolean().nullable().optional(),
  hasPensionInsurance: z.boolean().nullable().optional(),
  isDibao: z.boolean().nullable().optional(),
  isTekun: z.boolean().nullable().optional(),
});
export type MemberPatch = z.infer<typeof MemberPatchSchema>;

export const UpdatedSchema = z.object({ version: z.number(), isChanged: z.boolean() });
export type Updated = z.infer<typeof UpdatedSchema>;

/**
 * What the audit row (jsonb) cannot hold or a reader cannot see: control characters other than tab and
 * line breaks, U+FFFE/U+FFFF, and UTF-16 surrogates without their pair.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSTORABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Why the full value is needed: kept in the audit row (PIPL: access to personal data has a purpose). */
export const RevealReasonSchema = z
  .string()
  .trim()
  .min(2, 'Give the reason')
  .max(200)
  .refine((text) => !UNSTORABLE.test(text), 'The reason holds characters that cannot be stored (control characters or broken Unicode)');
export const HouseholdRevealBodySchema = z.strictObject({ field: z.literal('phone'), reason: RevealReasonSchema });
export const MemberRevealBodySchema = z.strictObject({ field: z.enum(['idNumber', 'phone']), reason: RevealReasonSchema });
export const RevealedSchema = z.object({ value: z.string() });
export type Revealed = z.infer<typeof RevealedSchema>;

export const HistoryChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type HistoryChange = z.infer<typeof HistoryChangeSchema>;
export const HistoryEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  effectiveOn: z.string().nullable().describe('the day the change took effect when recorded later (e.g. a county decision entered days late)'),
  actorName: z.string(),
  actorDisplayName: z.string().nullable().describe('the display name of the account (e.g. 马庄村村干部); null for the system'),
  action: z.string(),
  source: z.string().describe("'api', 'import:<batchId>', 'case:<caseNumber>' …"),
  memberId: z.string().nullable(),
  subject: z.string(),
  changes: z.array(HistoryChangeSchema),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
export const HistorySchema = z.object({ items: z.array(HistoryEntrySchema) });

/**
 * The codes a file import gives a rejected row (registry and department imports), with English text.
 * The stored per-row `message` is the clerk's Chinese sentence with the cell's text (it goes into the
 * errors spreadsheet); a reader in another language reads the code's text and the column.
 */
export const IMPORT_ROW_CODES_EN = {
  ID_BLANK: 'The ID number is blank',
  ID_SCIENTIFIC_NOTATION: 'The ID number was turned into scientific notation by the spreadsheet (export the column as text)',
  ID_BAD_LENGTH: 'The ID number does not have 18 characters',
  ID_BAD_CHARACTERS: 'The ID number holds characters other than digits and a final X',
  ID_BAD_CHECKSUM: 'The ID number check character is wrong (probably a typo)',
  ID_BAD_BIRTH_DATE: 'The birth date inside the ID number is not valid',
  ID_BAD_REGION: 'The first two digits of the ID number are not a valid province code',
  HOUSEHOLD_NUMBER_BLANK: 'The household number is blank',
  HOUSEHOLD_NUMBER_INVALID: 'The household number is not valid (digits only)',
  HOUSEHOLD_TYPE_UNKNOWN: 'The household type is not recognised (脱贫户 or 一般农户)',
  HOUSEHOLD_INCONSISTENT: 'The same household has different values on another row of the file',
  HOUSEHOLD_OUT_OF_SCOPE: 'The household is registered outside your region',
  REGION_INVALID: 'The region code is not valid (12 digits)',
  REGION_UNKNOWN: 'The region is not in the region table',
  REGION_NOT_VILLAGE: 'The region code is not a village',
  REGION_MISSING: 'The region is blank',
  REGION_OUT_OF_SCOPE: 'The region is outside your region',
  PHONE_INVALID: 'The phone number is not valid',
  NAME_BLANK: 'The name is blank',
  NAME_TOO_LONG: 'The name is longer than 50 characters',
  SEX_MISMATCH: 'The sex does not match the ID number',
  BIRTH_DATE_MISMATCH: 'The birth date does not match the ID number',
  RELATION_BLANK: 'The relation to the head of household is blank',
  MIGRANT_MONTHS_INVALID: 'Months of migrant work must be a whole number from 0 to 12',
  DUPLICATE_PERSON_IN_FILE: 'The same person appears on an earlier row of the file',
  PERSON_IN_OTHER_HOUSEHOLD: 'The person is already registered in another household',
  VALUE_BLANK: 'The value is blank',
  VALUE_UNKNOWN: 'The value is not recognised',
  DATE_INVALID: 'The date is not valid',
  DATE_IN_FUTURE: 'The date is after today',
  AMOUNT_INVALID: 'The amount is not a number',
  AMOUNT_NEGATIVE: 'The amount is negative',
  TOTALS_ROW: 'A totals row (not a person): not imported',
  HOUSEHOLD_NOT_IN_REGISTRY: 'The household number is not in the registry',
  DUPLICATE_HOUSEHOLD_IN_FILE: 'The same household appears on an earlier row of the file',
  RISK_TYPE_UNKNOWN: 'The risk type is not recognised',
  TOO_MANY_RISK_TYPES: 'Too many risk types on one row',
  YEAR_INVALID: 'The year is not valid',
  DATE_ORDER: 'The dates are in the wrong order',
} as const;
export type ImportRowCode = keyof typeof IMPORT_ROW_CODES_EN;
export const IMPORT_ROW_CODES = Object.keys(IMPORT_ROW_CODES_EN) as [ImportRowCode, ...ImportRowCode[]];

export const ImportRowErrorSchema = z.object({
  row: z.number(),
  /** The column as the file names it (several joined with 、 when a row has more than one problem). */
  column: z.string(),
  code: z.enum(IMPORT_ROW_CODES),
  /** The clerk's Chinese sentence with the cell's text (what the errors spreadsheet holds). */
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

export const RegistryImportResultSchema = z
  .object({
    rows: z.number(),
    imported: z.number(),
    rejected: z.number(),
    created: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    errors: z.array(ImportRowErrorSchema),
    batchId: z.string(),
    fileSha256: z.string(),
  })
  .meta({ id: 'RegistryImportResult' });
export type RegistryImportResult = z.infer<typeof RegistryImportResultSchema>;
export const ImportBatchParamsSchema = z.object({ batchId: z.string().uuid() });
