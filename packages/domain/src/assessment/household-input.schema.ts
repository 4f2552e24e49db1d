/**
 * zod schema of {@link HouseholdAssessmentInput}, for input that arrives as JSON: the
 * `fangpin assess FILE --json` command, API bodies and the field app's sync (issue 3
 * "Automation contract"). The compile-time check at the bottom keeps it in step with the interface.
 */
import { z } from 'zod';
import { IsoDateSchema, RegionCodeSchema } from '../rulesets/rule-set.schema.ts';
import type { HouseholdAssessmentInput } from './household-input.ts';

const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Expected a month written YYYY-MM');
const AmountSchema = z.number().finite();
const AmountRecordSchema = z.object({ amount: AmountSchema, month: MonthSchema, note: z.string().optional() });

const MemberSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  birthDate: IsoDateSchema,
  relation: z.string().optional(),
  labourCapacity: z.enum(['full', 'partial', 'none', 'notApplicable']),
  health: z.enum(['healthy', 'chronic', 'serious', 'disabled', 'severelyDisabled']),
  healthNote: z.string().optional(),
  schooling: z.enum(['notInSchool', 'preschool', 'compulsory', 'highSchool', 'vocational', 'higher', 'dropout']),
  employment: z.enum(['stable', 'unstable', 'unemployed', 'notWorking']).optional(),
  migrantWorkMonths: z.number().int().min(0).max(12).optional(),
  isPublicServant: z.boolean().optional(),
  isCoResident: z.boolean().optional(),
  isRegistered: z.boolean().optional(),
  isLegalSupporter: z.boolean().optional(),
});

/** Schema of a household assessment input (all amounts in yuan, months `YYYY-MM`). */
export const HouseholdAssessmentInputSchema = z.object({
  id: z.string().min(1),
  regionCode: RegionCodeSchema,
  householdType: z.enum(['formerlyPoor', 'ordinary']),
  applicationDate: IsoDateSchema,
  members: z.array(MemberSchema),
  incomes: z.array(
    AmountRecordSchema.extend({
      component: z.enum(['wage', 'operating', 'property', 'transfer']),
      source: z.string().optional(),
      memberId: z.string().optional(),
    }),
  ),
  operatingCosts: z.array(AmountRecordSchema).default([]),
  insuranceClaims: z.array(AmountRecordSchema).default([]),
  compliantOutOfPocket: z
    .array(AmountRecordSchema.extend({ kind: z.enum(['medical', 'education', 'other']), grossAmount: AmountSchema.optional() }))
    .default([]),
  rigidSpending: z
    .array(AmountRecordSchema.extend({ kind: z.enum(['medical', 'education', 'housing', 'funeral', 'other']) }))
    .default([]),
  assets: z
    .object({
      vehicles: z
        .array(
          z.object({
            kind: z.enum(['car', 'van', 'truck', 'constructionMachinery', 'motorcycle', 'tricycle']),
            purchasePrice: z.number().nonnegative().optional(),
            ownerMemberId: z.string().optional(),
            description: z.string().optional(),
          }),
        )
        .default([]),
      urbanCommercialHousing: z.array(z.object({ description: z.string().optional(), ownerMemberId: z.string().optional() })).default([]),
      businessLicences: z.array(z.object({ name: z.string().optional(), holderMemberId: z.string().optional() })).default([]),
      hiresLabour: z.boolean().default(false),
      largeScaleFarming: z.boolean().default(false),
    })
    .default({ vehicles: [], urbanCommercialHousing: [], businessLicences: [], hiresLabour: false, largeScaleFarming: false }),
  problems: z
    .object({
      foodAndClothing: z.boolean().optional(),
      compulsoryEducation: z.boolean().default(false),
      basicMedical: z.boolean().default(false),
      housingSafety: z.boolean().default(false),
      drinkingWater: z.boolean().default(false),
    })
    .default({ compulsoryEducation: false, basicMedical: false, housingSafety: false, drinkingWater: false }),
  suddenEvents: z
    .array(
      z.object({
        kind: z.enum(['accident', 'fire', 'disaster']),
        date: IsoDateSchema,
        lossAmount: z.number().nonnegative(),
        disasterSubtype: z.enum(['flood', 'geological', 'drought', 'biological', 'meteorological', 'earthquake', 'other']).optional(),
        note: z.string().optional(),
      }),
    )
    .default([]),
  signals: z
    .object({
      unstableEmployment: z.boolean().optional(),
      industryProjectFailed: z.boolean().optional(),
      previousOperatingIncome: z.number().nonnegative().optional(),
    })
    .optional(),
});

// Compile-time check: what the schema produces is an assessment input.
type Parsed = z.output<typeof HouseholdAssessmentInputSchema>;
const schemaMatchesInterface = (p: Parsed): HouseholdAssessmentInput => p;
void schemaMatchesInterface;

/**
 * Parse JSON-shaped data into an assessment input; missing lists and flags default to empty/false.
 * Throws a ZodError listing every problem (path + message), e.g. for the CLI to print.
 */
export function parseHouseholdAssessmentInput(data: unknown): HouseholdAssessmentInput {
  return HouseholdAssessmentInputSchema.parse(data);
}
