import type { VerificationMember, VerificationValues } from './case-model';

/**
 * The home-verification form (入户核实) in steps, so that a cadre on a 360-px phone sees one part at
 * a time (issue 11 item 13): each step owns the form's top-level fields it shows. The last step
 * carries the signed consent, the notes and the submit button.
 */
export const VERIFY_STEPS = [
  { key: 'members', fields: ['members'] },
  { key: 'income', fields: ['incomes', 'operatingCosts'] },
  { key: 'spending', fields: ['medicalOutOfPocket', 'rigidSpending'] },
  { key: 'assets', fields: ['vehicles', 'businessLicences', 'urbanHousing', 'hiresLabour', 'largeScaleFarming', 'suddenEvents'] },
  { key: 'problems', fields: ['problems'] },
  { key: 'sign', fields: ['notes', 'consentSigned'] },
] as const satisfies readonly { key: string; fields: readonly (keyof VerificationValues)[] }[];

export type VerifyStepKey = (typeof VERIFY_STEPS)[number]['key'];
export const LAST_VERIFY_STEP = VERIFY_STEPS.length - 1;

/** A step index kept inside the form (a draft from an older, longer form must not point nowhere). */
export function clampStep(step: number): number {
  return Number.isInteger(step) ? Math.min(Math.max(step, 0), LAST_VERIFY_STEP) : 0;
}

/** The step showing a field (`['incomes', 1, 'month']` → income), or undefined for a field of no step. */
export function stepOfField(name: readonly (string | number)[]): number | undefined {
  const root = name[0];
  const index = VERIFY_STEPS.findIndex((s) => (s.fields as readonly (string | number | undefined)[]).includes(root));
  return index < 0 ? undefined : index;
}

/** The first step (in form order) holding one of the fields with an error: where to take the user on a failed submit. */
export function firstStepWithError(errorFields: readonly { name: readonly (string | number)[] }[]): number | undefined {
  const steps = errorFields.map((e) => stepOfField(e.name)).filter((s): s is number => s !== undefined);
  return steps.length ? Math.min(...steps) : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The form's values with a saved draft laid over them. The members come from the household as it is
 * now (`initial`): a member in the draft keeps what was seen of them (labour, health, schooling), a
 * member since removed from the household is dropped and a new one shows as the registry has it.
 * Every other field is the draft's when the draft has it with the right shape (an array for the
 * rows, a boolean for the ticks), else the initial value. The consent tick is not restored: it is
 * ticked again after the scan is checked.
 */
export function restoreDraft(initial: VerificationValues, draft: Record<string, unknown>): VerificationValues {
  const drafted = new Map<string, Record<string, unknown>>();
  if (Array.isArray(draft.members))
    for (const m of draft.members) if (isObject(m) && typeof m.id === 'string') drafted.set(m.id, m);
  const members: VerificationMember[] = initial.members.map((m) => {
    const seen = drafted.get(m.id);
    if (!seen) return m;
    return {
      ...m,
      labourCapacity: typeof seen.labourCapacity === 'string' ? (seen.labourCapacity as VerificationMember['labourCapacity']) : m.labourCapacity,
      health: typeof seen.health === 'string' ? (seen.health as VerificationMember['health']) : m.health,
      schooling: typeof seen.schooling === 'string' ? (seen.schooling as VerificationMember['schooling']) : m.schooling,
    };
  });
  const restored: VerificationValues = { ...initial, members };
  const rows = ['incomes', 'operatingCosts', 'medicalOutOfPocket', 'rigidSpending', 'vehicles', 'businessLicences', 'urbanHousing', 'problems', 'suddenEvents'] as const;
  for (const key of rows) if (Array.isArray(draft[key])) (restored as unknown as Record<string, unknown>)[key] = (draft[key] as unknown[]).filter((r) => r !== null && r !== undefined);
  for (const key of ['hiresLabour', 'largeScaleFarming'] as const) if (typeof draft[key] === 'boolean') restored[key] = draft[key];
  if (typeof draft.notes === 'string') restored.notes = draft.notes;
  return restored;
}

/** What a draft keeps of the form: everything typed but the consent tick (see restoreDraft). */
export function draftOf(values: VerificationValues): Record<string, unknown> {
  const { consentSigned: _ticked, ...rest } = values;
  return rest;
}
