import { can, check, isUnderMonitoring, isWithinRegion, maskPhone, scopeOf, type Actor, type HelperKind } from '@fangpin/domain';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { isPhone, normalizePhone } from '../registry/phone.ts';
import { findHousehold, insertHistory, type HouseholdRow } from '../registry/repo.ts';
import { endHelper, findHelper, findHelperAccount, findHelpers, findHelpingCadresOfCounty, findMonitoringOfHousehold, insertHelper } from './repo.ts';

export type HelperInput = {
  kind: HelperKind;
  /** For `cadre`: the helping-cadre account. */
  userId?: string | undefined;
  /** For the other kinds: the person's (or the work team's) name. */
  name?: string | undefined;
  unit?: string | undefined;
  phone?: string | undefined;
  /** The day of the assignment (entered late: the real day); default today. */
  assignedOn?: string | undefined;
};

type Deps = { tx: Tx; actor: Actor & { displayName?: string }; today: string; cipher: PersonalDataCipher };

/** The household in scope that the actor may assign helpers to, and its monitoring record (under monitoring). */
async function householdForAssignment({ tx, actor }: Deps, householdId: string): Promise<{ household: HouseholdRow; identifiedOn: string | null; helperDueOn: string | null }> {
  const household = await findHousehold(tx, scopeOf(actor), householdId, { forUpdate: true });
  if (!household) throw new AppError('NOT_FOUND', 'Household not found');
  if (!check(actor, 'helper.assign', { regionCode: household.regionCode }).ok) throw new AppError('FORBIDDEN', 'Your role may not assign helpers');
  const monitoring = await findMonitoringOfHousehold(tx, householdId, { forUpdate: true });
  if (!monitoring || !isUnderMonitoring(monitoring.status))
    throw AppError.because('WORKFLOW_REFUSED', 'notMonitored');
  return { household, identifiedOn: monitoring.identifiedOn, helperDueOn: monitoring.helperDueOn };
}

/** Helping-cadre accounts that may be assigned to the household: enabled, their region containing it. */
export async function listHelperCandidates(tx: Tx, actor: Actor, householdId: string) {
  const household = await findHousehold(tx, scopeOf(actor), householdId);
  if (!household) throw new AppError('NOT_FOUND', 'Household not found');
  if (!can(actor, 'helper.assign', { regionCode: household.regionCode })) throw new AppError('FORBIDDEN', 'Your role may not assign helpers');
  const cadres = await findHelpingCadresOfCounty(tx, household.countyCode);
  return { items: cadres.filter((c) => isWithinRegion(household.regionCode, c.regionCode)) };
}

/** Validates the helper and resolves a cadre account; returns what is stored. */
async function helperOf({ tx, actor, today, cipher }: Deps, household: HouseholdRow, identifiedOn: string | null, input: HelperInput) {
  const assignedOn = input.assignedOn ?? today;
  if (assignedOn > today) throw AppError.because('VALIDATION_FAILED', 'dateInFuture', { date: assignedOn }, { field: 'assignedOn' });
  if (identifiedOn && assignedOn < identifiedOn)
    throw AppError.because('VALIDATION_FAILED', 'dateBeforeIdentification', { date: assignedOn, identifiedOn }, { field: 'assignedOn' });
  const unit = (input.unit ?? '').trim();
  let name = (input.name ?? '').trim();
  let userId: string | null = null;
  if (input.kind === 'cadre') {
    if (!input.userId) throw AppError.because('VALIDATION_FAILED', 'helperAccountMissing', undefined, { field: 'userId' });
    const cadre = await findHelperAccount(tx, input.userId);
    // A cadre whose region does not contain the household could not see it: refused like an unknown account.
    if (!cadre || !isWithinRegion(household.regionCode, cadre.regionCode))
      throw AppError.because('VALIDATION_FAILED', 'helperAccountNotCovering', undefined, { field: 'userId' });
    userId = cadre.id;
    name = cadre.displayName;
  } else {
    if (!name) throw AppError.because('VALIDATION_FAILED', 'helperNameRequired', { kind: input.kind }, { field: 'name' });
    if (input.kind === 'person' && !unit) throw AppError.because('VALIDATION_FAILED', 'helperUnitRequired', undefined, { field: 'unit' });
  }
  const phone = normalizePhone(input.phone ?? '');
  if (phone && !isPhone(phone)) throw AppError.because('VALIDATION_FAILED', 'phoneInvalid', undefined, { field: 'phone' });
  return {
    countyCode: household.countyCode,
    householdId: household.id,
    kind: input.kind,
    userId,
    name,
    unit,
    phoneEnc: phone ? cipher.encrypt(phone) : null,
    phoneMasked: phone ? maskPhone(phone) : '',
    assignedOn,
    assignedBy: actor.displayName ?? actor.username,
    assignedById: actor.userId,
  };
}

async function refuseDuplicate(tx: Tx, householdId: string, helper: { kind: string; userId: string | null; name: string }, except?: string): Promise<void> {
  const active = await findHelpers(tx, [householdId], { activeOnly: true });
  const same = active.find((h) => h.id !== except && h.kind === helper.kind && (helper.userId ? h.userId === helper.userId : h.name === helper.name));
  if (same) throw new AppError('CONFLICT', undefined, { reason: 'helperAlreadyAssigned', params: { name: same.name, kind: helper.kind }, extra: { helperId: same.id } });
}

/**
 * Assigns a helper (帮扶责任人) to a monitoring object: a helping-cadre account, or a named person
 * with unit and phone (masked), or the village's first secretary / work team. Says whether the
 * assignment met the rule set's deadline. History and audit in the same transaction.
 */
export async function assignHelper(deps: Deps, householdId: string, input: HelperInput) {
  const { household, identifiedOn, helperDueOn } = await householdForAssignment(deps, householdId);
  const helper = await helperOf(deps, household, identifiedOn, input);
  await refuseDuplicate(deps.tx, household.id, helper);
  const id = await insertHelper(deps.tx, helper);
  const isLate = helperDueOn !== null && helper.assignedOn > helperDueOn;
  await insertHistory(deps.tx, [
    { countyCode: household.countyCode, householdId: household.id, memberId: null, action: 'monitoring.helperAssigned', actorId: deps.actor.userId, actorName: helper.assignedBy, source: 'web', before: null, after: { kind: helper.kind, name: helper.name, unit: helper.unit, phoneMasked: helper.phoneMasked, assignedOn: helper.assignedOn } },
  ]);
  await recordAudit(deps.tx, deps.actor, 'helper.assigned', { type: 'household', id: household.id, regionCode: household.regionCode }, { after: { helperId: id, kind: helper.kind, name: helper.name, assignedOn: helper.assignedOn, dueOn: helperDueOn, isLate } });
  return { id, assignedOn: helper.assignedOn, dueOn: helperDueOn, isLate };
}

/**
 * Reassigns: the helper's assignment ends on the new one's day with the reason, and the new helper
 * takes over (linked), so the history of who helped when is kept.
 */
export async function reassignHelper(deps: Deps, householdId: string, helperId: string, input: HelperInput & { reason: string }) {
  const { household, identifiedOn, helperDueOn } = await householdForAssignment(deps, householdId);
  const reason = input.reason.trim();
  if (!reason) throw AppError.because('VALIDATION_FAILED', 'reasonRequired', undefined, { field: 'reason' });
  const old = /^[0-9a-f-]{36}$/i.test(helperId) ? await findHelper(deps.tx, household.id, helperId) : undefined;
  if (!old) throw new AppError('NOT_FOUND', 'Helper not found');
  if (old.endedOn) throw AppError.because('CONFLICT', 'helperAlreadyReassigned', { endedOn: old.endedOn });
  const helper = await helperOf(deps, household, identifiedOn, input);
  if (helper.assignedOn < old.assignedOn) throw AppError.because('VALIDATION_FAILED', 'dateBeforeAssignment', { date: helper.assignedOn, assignedOn: old.assignedOn }, { field: 'assignedOn' });
  await refuseDuplicate(deps.tx, household.id, helper, old.id);
  const id = await insertHelper(deps.tx, helper);
  await endHelper(deps.tx, old.id, helper.assignedOn, reason, id);
  await insertHistory(deps.tx, [
    {
      countyCode: household.countyCode,
      householdId: household.id,
      memberId: null,
      action: 'monitoring.helperReassigned',
      actorId: deps.actor.userId,
      actorName: helper.assignedBy,
      source: 'web',
      before: { kind: old.kind, name: old.name, unit: old.unit, assignedOn: old.assignedOn },
      after: { kind: helper.kind, name: helper.name, unit: helper.unit, phoneMasked: helper.phoneMasked, assignedOn: helper.assignedOn, reason },
    },
  ]);
  await recordAudit(deps.tx, deps.actor, 'helper.reassigned', { type: 'household', id: household.id, regionCode: household.regionCode }, { before: { helperId: old.id, name: old.name }, after: { helperId: id, name: helper.name, assignedOn: helper.assignedOn, reason } });
  return { id, assignedOn: helper.assignedOn, dueOn: helperDueOn, isLate: helperDueOn !== null && helper.assignedOn > helperDueOn };
}
