import { check, scopeOf, type Actor } from '@fangpin/domain';
import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { findHousehold, findMember } from './repo.ts';

/**
 * The only way a full ID number or phone leaves the server: an explicit reveal by a role allowed to,
 * within its region, audited in the same transaction.
 */
export async function revealMemberField(deps: AppDeps, actor: Actor, memberId: string, field: 'idNumber' | 'phone'): Promise<string> {
  return withTransaction(deps.pool, async (tx) => {
    const member = await findMember(tx, scopeOf(actor), memberId);
    if (!member) throw new AppError('NOT_FOUND', 'Member not found / 未找到该成员');
    assertMayReveal(actor, member.regionCode);
    await recordAudit(tx, actor, `member.${field}.revealed`, { type: 'member', id: member.id, regionCode: member.regionCode }, {
      details: { householdId: member.householdId, masked: field === 'idNumber' ? member.idMasked : member.phoneMasked },
    });
    if (field === 'idNumber') return deps.cipher.decrypt(member.idEnc);
    return member.phoneEnc ? deps.cipher.decrypt(member.phoneEnc) : '';
  });
}

export async function revealHouseholdPhone(deps: AppDeps, actor: Actor, householdId: string): Promise<string> {
  return withTransaction(deps.pool, async (tx) => {
    const household = await findHousehold(tx, scopeOf(actor), householdId);
    if (!household) throw new AppError('NOT_FOUND', 'Household not found / 未找到该农户');
    assertMayReveal(actor, household.regionCode);
    await recordAudit(tx, actor, 'household.phone.revealed', { type: 'household', id: household.id, regionCode: household.regionCode }, {
      details: { phoneMasked: household.phoneMasked },
    });
    return household.phoneEnc ? deps.cipher.decrypt(household.phoneEnc) : '';
  });
}

function assertMayReveal(actor: Actor, regionCode: string): void {
  const verdict = check(actor, 'member.reveal', { regionCode });
  if (!verdict.ok) throw new AppError('FORBIDDEN', 'Your role may not view full personal data / 您的角色无权查看完整个人信息');
}
