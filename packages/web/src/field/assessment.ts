import { assessHousehold, type HouseholdAssessment, type HouseholdAssessmentInput, type HouseholdMember } from '@fangpin/domain';
import type { FieldCase, FieldMember } from './offline/types.ts';

export type VerificationDraft = {
  occurredOn: string;
  consentSigned: boolean;
  photo: { fileName: string; contentBase64: string } | null;
  incomes: { component: 'wage' | 'operating' | 'property' | 'transfer'; amount: string; month: string }[];
  problems: { compulsoryEducation: boolean; basicMedical: boolean; housingSafety: boolean; drinkingWater: boolean };
  notes: string;
  /** Labour capacity and health as found at the visit, per registry member (absent: as the registry has them). */
  members?: Record<string, { labourCapacity: Labour; health: Health }>;
};

export const LABOUR = ['full', 'partial', 'none', 'notApplicable'] as const;
export const HEALTH = ['healthy', 'chronic', 'serious', 'disabled'] as const;
export type Labour = (typeof LABOUR)[number];
export type Health = (typeof HEALTH)[number];

/** A registry member as the assessment reads it (the server's `assessmentMemberOf`, for the phone: birth year → 1 July). */
export function memberOf(m: FieldMember, today: string): HouseholdMember {
  const birthDate = `${m.birthYear}-07-01`;
  const age = Number(today.slice(0, 4)) - m.birthYear;
  const schooling = m.schooling === 'preschool' ? 'preschool' : m.schooling === 'inSchool' ? (age <= 15 ? 'compulsory' : age <= 18 ? 'highSchool' : 'higher') : 'notInSchool';
  const labour = m.labourCapacity === 'full' || m.labourCapacity === 'partial' || m.labourCapacity === 'none' ? m.labourCapacity : 'notApplicable';
  const health = m.health === 'chronic' || m.health === 'serious' || m.health === 'disabled' ? m.health : 'healthy';
  return { id: m.id, name: m.name, relation: m.relation, birthDate, labourCapacity: labour, health, schooling, ...(m.migrantMonths ? { migrantWorkMonths: Math.min(12, m.migrantMonths) } : {}) };
}

/** The members as found at the visit: the registry's, with what the cadre changed. */
export function verifiedMembers(c: FieldCase, draft: VerificationDraft, today: string): HouseholdMember[] {
  return (c.household?.members ?? []).map((m) => ({ ...memberOf(m, today), ...(draft.members?.[m.id] ?? {}) }));
}

/** The members sent with the home verification (no birth date: the server takes it from the registry). */
export function membersForServer(c: FieldCase, draft: VerificationDraft, today: string) {
  return verifiedMembers(c, draft, today).map(({ birthDate: _b, ...m }) => m);
}

/** The incomes as the server stores them: rows with an amount. */
export function incomeRows(draft: VerificationDraft) {
  return draft.incomes.filter((r) => r.amount.trim() !== '' && Number(r.amount) >= 0).map((r) => ({ component: r.component, amount: Number(r.amount), month: r.month }));
}

/**
 * The provisional assessment on the phone: the domain's `assessHousehold` — the code the county
 * approves with — over the registry members and what the cadre typed, with the rule set the server
 * had in force at the last sync. The property check has not run yet: no assets are known.
 */
export function provisionalAssessment(c: FieldCase, draft: VerificationDraft, today: string): HouseholdAssessment | null {
  if (!c.household) return null;
  const input: HouseholdAssessmentInput = {
    id: c.household.id,
    regionCode: c.regionCode,
    householdType: c.household.type === 'formerlyPoor' ? 'formerlyPoor' : 'ordinary',
    applicationDate: c.clueDate,
    members: verifiedMembers(c, draft, today),
    incomes: incomeRows(draft),
    operatingCosts: [],
    insuranceClaims: [],
    compliantOutOfPocket: [],
    rigidSpending: [],
    assets: { vehicles: [], urbanCommercialHousing: [], businessLicences: [], hiresLabour: false, largeScaleFarming: false },
    problems: draft.problems,
    suddenEvents: [],
  };
  try {
    return assessHousehold(input, c.ruleSet, today);
  } catch {
    return null;
  }
}
