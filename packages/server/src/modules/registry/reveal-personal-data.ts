import { check, maskIdNumbersInText, scopeOf, type Actor } from '@fangpin/domain';
import type { AppDeps } from '../../context.ts';
import { withTransaction, type Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { assertWithinAccessLimit } from '../audit/access-limits.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findHousehold, findMember } from './repo.ts';

/** The audit actions of reveals (the per-user limit counts them). */
export const REVEAL_ACTIONS = [
  'member.idNumber.revealed',
  'member.phone.revealed',
  'household.phone.revealed',
] as const;

/**
 * The only way a full ID number or phone leaves the server: an explicit reveal by a role allowed to,
 * within its region, with the reason the user gives, audited in the same transaction and limited per
 * user (docs/personal-data.md, "Reveal").
 */
export async function revealMemberField(
  deps: AppDeps,
  actor: Actor,
  memberId: string,
  field: 'idNumber' | 'phone',
  reason: string,
): Promise<string> {
  return withTransaction(deps.pool, async (tx) => {
    const member = await findMember(tx, scopeOf(actor), memberId);
    if (!member) throw new AppError('NOT_FOUND', 'Member not found');
    await assertMayReveal(tx, deps, actor, member.regionCode);
    await recordAudit(
      tx,
      actor,
      `member.${field}.revealed`,
      { type: 'member', id: member.id, regionCode: member.regionCode },
      {
        details: {
          householdId: member.householdId,
          masked: field === 'idNumber' ? member.idMasked : member.phoneMasked,
          reason: maskIdNumbersInText(reason),
        },
      },
    );
    if (field === 'idNumber') return deps.cipher.decrypt(member.idEnc);
    return member.phoneEnc ? deps.cipher.decrypt(member.phoneEnc) : '';
  });
}

export async function revealHouseholdPhone(
  deps: AppDeps,
  actor: Actor,
  householdId: string,
  reason: string,
): Promise<string> {
  return withTransaction(deps.pool, async (tx) => {
    const household = await findHousehold(tx, scopeOf(actor), householdId);
    if (!household) throw new AppError('NOT_FOUND', 'Household not found');
    await assertMayReveal(tx, deps, actor, household.regionCode);
    await recordAudit(
      tx,
      actor,
      'household.phone.revealed',
      { type: 'household', id: household.id, regionCode: household.regionCode },
      {
        details: { phoneMasked: household.phoneMasked, reason: maskIdNumbersInText(reason) },
      },
    );
    return household.phoneEnc ? deps.cipher.decrypt(household.phoneEnc) : '';
  });
}

async function assertMayReveal(tx: Tx, deps: AppDeps, actor: Actor, regionCode: string): Promise<void> {
  const verdict = check(actor, 'member.reveal', { regionCode });
  if (!verdict.ok)
    throw new AppError('FORBIDDEN', 'Your role may not view full personal data');
  await assertWithinAccessLimit(tx, actor.userId, REVEAL_ACTIONS, deps.config.revealLimit, 'reveal');
}
