import { isInScope, scopeOf, type Actor } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';

/** Where a clue from the hotline or a visit is: the same checks for every channel. */

/** The village (or group) a clue is about: it must exist, be a village or group, and lie in the actor's region. */
export async function checkVillage(tx: Tx, actor: Actor, regionCode: string, field = 'regionCode'): Promise<{ code: string; level: string }> {
  const { rows } = await tx.query<{ code: string; level: string }>(`SELECT code, level FROM regions WHERE code = $1`, [regionCode]);
  const region = rows[0];
  if (!region || !isInScope(scopeOf(actor), region.code)) throw new AppError('VALIDATION_FAILED', `Unknown village ${regionCode} / 所在村无效或不在您的辖区`, { field });
  if (region.level !== 'village' && region.level !== 'group') throw new AppError('VALIDATION_FAILED', '请选择到行政村（或村民小组）/ Choose a village', { field });
  return region;
}

/** A household picked from the registry must be in the actor's region and in the chosen village. */
export async function checkHousehold(tx: Tx, actor: Actor, householdId: string, regionCode: string): Promise<{ regionCode: string }> {
  const { rows } = await tx.query<{ regionCode: string }>(`SELECT region_code AS "regionCode" FROM households WHERE id = $1`, [householdId]);
  const h = rows[0];
  if (!h || !isInScope(scopeOf(actor), h.regionCode)) throw new AppError('VALIDATION_FAILED', 'Household not found / 未找到该农户', { field: 'householdId' });
  const village = regionCode.length > 12 ? regionCode.slice(0, 12) : regionCode;
  if (!h.regionCode.startsWith(village)) throw new AppError('VALIDATION_FAILED', '所选农户不在该村，请核对所在村 / The household is not in that village', { field: 'householdId' });
  return h;
}
