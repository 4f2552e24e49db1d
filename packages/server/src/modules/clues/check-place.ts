import { isInScope, scopeOf, type Actor } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';

/** Where a clue from the hotline or a visit is: the same checks for every channel. */

/** The village (or group) a clue is about: it must exist, be a village or group, and lie in the actor's region. */
export async function checkVillage(tx: Tx, actor: Actor, regionCode: string, field = 'regionCode'): Promise<{ code: string; level: string }> {
  const { rows } = await tx.query<{ code: string; level: string }>(`SELECT code, level FROM regions WHERE code = $1`, [regionCode]);
  const region = rows[0];
  if (!region || !isInScope(scopeOf(actor), region.code)) throw AppError.because('VALIDATION_FAILED', 'villageUnknown', { regionCode }, { field });
  if (region.level !== 'village' && region.level !== 'group') throw AppError.because('VALIDATION_FAILED', 'villageRequired', undefined, { field });
  return region;
}

/** A household picked from the registry must be in the actor's region and in the chosen village. */
export async function checkHousehold(tx: Tx, actor: Actor, householdId: string, regionCode: string): Promise<{ regionCode: string }> {
  const { rows } = await tx.query<{ regionCode: string }>(`SELECT region_code AS "regionCode" FROM households WHERE id = $1`, [householdId]);
  const h = rows[0];
  if (!h || !isInScope(scopeOf(actor), h.regionCode)) throw AppError.because('VALIDATION_FAILED', 'caseHouseholdNotFound', undefined, { field: 'householdId' });
  const village = regionCode.length > 12 ? regionCode.slice(0, 12) : regionCode;
  if (!h.regionCode.startsWith(village)) throw AppError.because('VALIDATION_FAILED', 'caseHouseholdOutsideVillage', undefined, { field: 'householdId' });
  return h;
}
