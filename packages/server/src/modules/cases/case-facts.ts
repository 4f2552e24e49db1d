import type {
  AssistanceDataSchema,
  CallbackDataSchema,
  DeliberationDataSchema,
  VerificationData,
  HouseholdAssessmentInput,
  HouseholdAssets,
  HouseholdMember,
  HouseholdAssessment,
  HouseholdSignals,
} from '@fangpin/domain';
import { z } from 'zod';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import type { Tx } from '../../db/client.ts';
import { NewHouseholdSchema } from '../registry/register-household.ts';
import type { MemberChanges } from '../registry/update-member.ts';
import { findMatchedAssetRows, findMembersForCase } from './repo.ts';
import { birthDateOfSealedId, withBirthDates, type StoredVerificationMember } from './member-birth-dates.ts';

/**
 * The data of each case event is the contract's (`@fangpin/domain` contracts/cases.ts); a new
 * household given to a case is checked by the registry's own schema.
 */
export const NewHouseholdDataSchema = z.strictObject({ newHousehold: NewHouseholdSchema });

/** Facts the steps recorded on a case (the latest of each), the input of the assessment. */
export type CaseFacts = {
  verification?: Omit<VerificationData, 'members'> & { members?: StoredVerificationMember[]; recordedOn: string; recordedBy: string };
  property?: { automatic: HouseholdAssets; manual: HouseholdAssets | null; merged: HouseholdAssets; sources: { source: string; detail: string; memberName: string }[]; notes?: string; checkedOn: string };
  assessment?: HouseholdAssessment;
  deliberation?: z.output<typeof DeliberationDataSchema>;
  objections?: { note: string; on: string; by: string }[];
  assistance?: (z.output<typeof AssistanceDataSchema> & { by: string })[];
  callback?: z.output<typeof CallbackDataSchema> & { on: string };
  /** The eliminated monitoring record this case reopens (re-entry), set when the household is known. */
  reentry?: { householdId: string; status: string; identifiedOn: string | null; eliminatedOn: string; eliminationCaseId: string | null; eliminationCaseNumber: string | null };
};

export const NO_ASSETS: HouseholdAssets = { vehicles: [], urbanCommercialHousing: [], businessLicences: [], hiresLabour: false, largeScaleFarming: false };

/**
 * Assets from two accounts of the same household (e.g. the asset sources and what the family
 * declared): the same van seen twice is one van, so per kind the longer list wins rather than the
 * sum; the first account's entries come first (they carry the registry's details).
 */
export function mergeAssets(a: HouseholdAssets, b: HouseholdAssets | null | undefined): HouseholdAssets {
  if (!b) return a;
  const perKind = <T,>(x: readonly T[], y: readonly T[], kindOf: (item: T) => string): T[] => {
    const kinds = new Set([...x, ...y].map(kindOf));
    const out: T[] = [];
    for (const kind of kinds) {
      const fromX = x.filter((i) => kindOf(i) === kind);
      const fromY = y.filter((i) => kindOf(i) === kind);
      out.push(...(fromY.length > fromX.length ? fromY : fromX));
    }
    return out;
  };
  return {
    vehicles: perKind(a.vehicles, b.vehicles, (v) => v.kind),
    urbanCommercialHousing: perKind(a.urbanCommercialHousing, b.urbanCommercialHousing, () => 'housing'),
    businessLicences: perKind(a.businessLicences, b.businessLicences, () => 'licence'),
    hiresLabour: a.hiresLabour || b.hiresLabour,
    largeScaleFarming: a.largeScaleFarming || b.largeScaleFarming,
  };
}

export type RegistryMember = {
  id: string;
  name: string;
  relation: string;
  birthYear: number;
  /** From the decrypted ID number, for the assessment's ages only: never presented. */
  birthDate: string | null;
  sex: string;
  labourCapacity: string | null;
  health: string | null;
  schooling: string | null;
  migrantMonths: number | null;
  idMasked: string;
};

export async function registryMembers(tx: Tx, cipher: PersonalDataCipher, householdId: string): Promise<RegistryMember[]> {
  const rows = await findMembersForCase(tx, householdId);
  return rows.map(({ idEnc, ...m }) => ({ ...m, birthDate: birthDateOfSealedId(cipher, idEnc) }));
}

function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** A registry member as the assessment reads it (registry schooling is 文化程度; a student's stage follows from age). */
export function assessmentMemberOf(m: Omit<RegistryMember, 'birthYear' | 'birthDate'> & { birthYear?: number; birthDate: string | null }, today: string): HouseholdMember {
  const birthDate = m.birthDate ?? `${m.birthYear ?? 1970}-07-01`;
  const age = ageOn(birthDate, today);
  const schooling =
    m.schooling === 'preschool' ? 'preschool' : m.schooling === 'inSchool' ? (age <= 15 ? 'compulsory' : age <= 18 ? 'highSchool' : 'higher') : 'notInSchool';
  const labour = m.labourCapacity === 'full' || m.labourCapacity === 'partial' || m.labourCapacity === 'none' ? m.labourCapacity : 'notApplicable';
  const health = m.health === 'chronic' || m.health === 'serious' || m.health === 'disabled' ? m.health : 'healthy';
  return {
    id: m.id,
    name: m.name,
    relation: m.relation,
    birthDate,
    labourCapacity: labour,
    health,
    schooling,
    ...(m.migrantMonths ? { migrantWorkMonths: Math.min(12, m.migrantMonths) } : {}),
  };
}

/**
 * The assessment input of a case: the members and incomes recorded at the home check (or the
 * registry's members when the form did not list them), the assets found by the property check.
 * The application date is the case's clue date, so the income window is the 12 months before the
 * clue's month whatever day a step is entered (`caseIncomeWindow`; docs/DOMAIN.md "Income window").
 * `departmentSignals` are what the case's confirmed warnings say (`findCaseDepartmentSignals`): a
 * signal holds when the home check or a department says so.
 */
export function assessmentInputOf(
  c: { id: string; regionCode: string; clueDate: string; householdId: string | null; householdType: string | null },
  facts: CaseFacts,
  members: RegistryMember[],
  today: string,
  cipher: PersonalDataCipher,
  departmentSignals: HouseholdSignals = {},
): HouseholdAssessmentInput {
  const v = facts.verification;
  const signals: HouseholdSignals = {
    ...v?.signals,
    ...(departmentSignals.unstableEmployment ? { unstableEmployment: true } : {}),
    ...(departmentSignals.industryProjectFailed ? { industryProjectFailed: true } : {}),
  };
  return {
    id: c.householdId ?? c.id,
    regionCode: c.regionCode,
    householdType: c.householdType === 'formerlyPoor' ? 'formerlyPoor' : 'ordinary',
    applicationDate: c.clueDate,
    members: v?.members ? withBirthDates(v.members, members, cipher) : members.map((m) => assessmentMemberOf(m, today)),
    incomes: v?.incomes ?? [],
    operatingCosts: v?.operatingCosts ?? [],
    insuranceClaims: v?.insuranceClaims ?? [],
    compliantOutOfPocket: v?.compliantOutOfPocket ?? [],
    rigidSpending: v?.rigidSpending ?? [],
    assets: facts.property?.merged ?? v?.assets ?? NO_ASSETS,
    problems: v?.problems ?? { compulsoryEducation: false, basicMedical: false, housingSafety: false, drinkingWater: false },
    suddenEvents: v?.suddenEvents ?? [],
    ...(Object.keys(signals).length > 0 ? { signals } : {}),
  };
}

const VEHICLE_KIND: Record<string, HouseholdAssets['vehicles'][number]['kind']> = {
  面包车: 'van',
  货车: 'truck',
  轿车: 'car',
  小汽车: 'car',
  小型汽车: 'car',
  摩托车: 'motorcycle',
  三轮车: 'tricycle',
  工程机械: 'constructionMachinery',
  挖掘机: 'constructionMachinery',
};

/**
 * The automatic part of the property check (财产检索): the asset sources' matched rows for the
 * household's members (vehicles, business licences, real estate, public payroll).
 */
export async function automaticPropertyFindings(
  tx: Tx,
  householdId: string | null,
): Promise<{ assets: HouseholdAssets; sources: { source: string; detail: string; memberName: string }[] }> {
  if (!householdId) return { assets: NO_ASSETS, sources: [] };
  const rows = await findMatchedAssetRows(tx, householdId);
  const assets = { vehicles: [] as HouseholdAssets['vehicles'][number][], urbanCommercialHousing: [] as HouseholdAssets['urbanCommercialHousing'][number][], businessLicences: [] as HouseholdAssets['businessLicences'][number][], hiresLabour: false, largeScaleFarming: false };
  for (const r of rows) {
    const detail = r.detail ?? '';
    if (r.source === 'vehicles') {
      const kind = Object.entries(VEHICLE_KIND).find(([zh]) => detail.includes(zh))?.[1] ?? 'car';
      assets.vehicles.push({ kind, description: detail, ownerMemberId: r.memberId });
    } else if (r.source === 'businessLicences') assets.businessLicences.push({ name: detail, holderMemberId: r.memberId });
    else if (r.source === 'realEstate') assets.urbanCommercialHousing.push({ description: detail, ownerMemberId: r.memberId });
  }
  return { assets, sources: rows.map((r) => ({ source: r.source, detail: r.detail ?? '', memberName: r.memberName })) };
}

/** Verified health (the assessment's codes) as the registry records it (残疾 covers 重度残疾). */
const REGISTRY_HEALTH: Record<HouseholdMember['health'], string> = { healthy: 'healthy', chronic: 'chronic', serious: 'serious', disabled: 'disabled', severelyDisabled: 'disabled' };

/**
 * What the home check found about each registry member that the registry does not say yet: health
 * (患有大病, 残疾 …), labour capacity (丧失劳动力 …) and, for a child found in school, 在校生 /
 * 学龄前. Members the form listed without a registry id, and fields that already agree, are left
 * out; the registry's level of education is never overwritten by "not in school" (the form does
 * not ask for it). Issue 11 item 3: the county decision writes these to the registry.
 */
export function verifiedMemberChanges(verified: readonly Pick<HouseholdMember, 'id' | 'health' | 'labourCapacity' | 'schooling'>[], registry: readonly RegistryMember[]): { memberId: string; name: string; changes: MemberChanges }[] {
  const out: { memberId: string; name: string; changes: MemberChanges }[] = [];
  for (const r of registry) {
    const v = verified.find((m) => m.id === r.id);
    if (!v) continue;
    const changes: MemberChanges = {};
    const health = REGISTRY_HEALTH[v.health];
    // An unknown registry value reads as the form's default (健康, 不是劳动力): only a finding changes it.
    if (health !== (r.health ?? 'healthy')) changes.health = health;
    if (v.labourCapacity !== (r.labourCapacity ?? 'notApplicable')) changes.labourCapacity = v.labourCapacity;
    const schooling = v.schooling === 'preschool' ? 'preschool' : ['compulsory', 'highSchool', 'vocational', 'higher'].includes(v.schooling) ? 'inSchool' : null;
    if (schooling && schooling !== r.schooling) changes.schooling = schooling;
    if (Object.keys(changes).length > 0) out.push({ memberId: r.id, name: r.name, changes });
  }
  return out;
}
