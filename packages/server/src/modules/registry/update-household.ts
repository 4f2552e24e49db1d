import { check, scopeOf, maskIdNumbersInText, maskPhone, type Actor } from '@fangpin/domain';
import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { isPhone, normalizePhone } from './phone.ts';
import { findHousehold, insertHistory } from './repo.ts';
import { householdSnapshot } from './snapshot.ts';

export type UpdateHouseholdInput = { version: number; address?: string | undefined; phone?: string | undefined; type?: 'formerlyPoor' | 'ordinary' | undefined };

/**
 * Edits a household's own fields. Optimistic concurrency: `version` must match, else CONFLICT, so two
 * people editing at once cannot silently overwrite each other. History and audit in the same transaction.
 */
export async function updateHousehold(deps: AppDeps, actor: Actor, householdId: string, input: UpdateHouseholdInput) {
  return withTransaction(deps.pool, async (tx) => {
    const before = await findHousehold(tx, scopeOf(actor), householdId, { forUpdate: true });
    if (!before) throw new AppError('NOT_FOUND', 'Household not found');
    if (!check(actor, 'household.write', { regionCode: before.regionCode }).ok) {
      throw new AppError('FORBIDDEN', 'Your role may not change households');
    }
    if (before.version !== input.version) {
      throw new AppError('CONFLICT', 'This household was changed by someone else; reload and try again', { extra: { currentVersion: before.version } });
    }
    const after = { ...before };
    if (input.address !== undefined) after.address = maskIdNumbersInText(input.address.trim());
    if (input.type !== undefined) after.type = input.type;
    if (input.phone !== undefined) {
      const phone = normalizePhone(input.phone);
      if (phone && !isPhone(phone)) throw new AppError('VALIDATION_FAILED', 'Not a valid phone number', { field: 'phone' });
      after.phoneEnc = phone ? deps.cipher.encrypt(phone) : null;
      after.phoneIndex = phone ? deps.cipher.blindIndex(phone) : null;
      after.phoneMasked = phone ? maskPhone(phone) : '';
    }
    const snapBefore = householdSnapshot(before);
    const snapAfter = householdSnapshot(after, { withCiphertext: false });
    const isChanged = snapBefore.address !== snapAfter.address || snapBefore.type !== snapAfter.type || snapBefore.phoneIndex !== snapAfter.phoneIndex;
    if (!isChanged) return { version: before.version, isChanged: false };
    const { rows } = await tx.query<{ version: number }>(
      `UPDATE households SET address = $2, type = $3, phone_enc = $4, phone_index = $5, phone_masked = $6, version = version + 1, updated_at = now()
       WHERE id = $1 RETURNING version`,
      [before.id, after.address, after.type, after.phoneEnc, after.phoneIndex, after.phoneMasked],
    );
    await insertHistory(tx, [{ countyCode: before.countyCode, householdId: before.id, memberId: null, action: 'household.updated', actorId: actor.userId, actorName: actor.username, source: 'api', before: snapBefore, after: snapAfter }]);
    await recordAudit(tx, actor, 'household.updated', { type: 'household', id: before.id, regionCode: before.regionCode }, {
      before: { address: before.address, type: before.type, phone: before.phoneMasked },
      after: { address: after.address, type: after.type, phone: after.phoneMasked },
    });
    return { version: rows[0]!.version, isChanged: true };
  });
}
