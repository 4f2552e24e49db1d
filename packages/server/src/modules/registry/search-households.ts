import { can, isInScope, normalizeRegionCode, parseIdNumber, scopeOf, regionSignificantPrefix, type Actor } from '@fangpin/domain';
import type { AppDeps } from '../../context.ts';
import { AppError } from '../../errors.ts';
import { isPhone, normalizePhone } from './phone.ts';
import { searchHouseholds, type HouseholdSearch } from './repo.ts';
import { presentSummary } from './present.ts';
import { findHomeRegionsByName } from '../regions/repo.ts';

export type SearchHouseholdsInput = { q?: string | undefined; type?: 'formerlyPoor' | 'ordinary' | undefined; regionCode?: string | undefined; page: number; pageSize: number };

/**
 * Household search in the actor's scope. `q` is read as, in order: an ID number (matched through the
 * blind index, so the full number is never in a query log), a phone, a household-number prefix, or
 * text: a member's name prefix or the name (prefix) of a township, village or group.
 */
export async function searchHouseholdsInScope(deps: AppDeps, actor: Actor, input: SearchHouseholdsInput) {
  if (!can(actor, 'household.read')) throw new AppError('FORBIDDEN', 'Your role may not read the registry / 您的角色无权查看农户信息');
  const scope = scopeOf(actor);
  const search: HouseholdSearch = { limit: input.pageSize, offset: (input.page - 1) * input.pageSize };
  if (input.type) search.type = input.type;
  if (input.regionCode) {
    let code: string;
    try {
      code = normalizeRegionCode(input.regionCode);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'regionCode must be a region code / 行政区划代码格式不正确', { field: 'regionCode' });
    }
    // A filter outside the scope finds nothing, rather than widening the scope.
    if (!isInScope(scope, code) && !isInScope({ ...scope, regionPrefix: regionSignificantPrefix(code) }, actor.regionCode)) {
      return { items: [], total: 0, page: input.page, pageSize: input.pageSize };
    }
    search.regionPrefix = regionSignificantPrefix(code);
  }
  const q = (input.q ?? '').trim();
  if (q) {
    const id = parseIdNumber(q);
    const phone = normalizePhone(q);
    if (id.ok) search.idIndex = deps.cipher.blindIndex(id.value);
    if (isPhone(phone)) search.phoneIndex = deps.cipher.blindIndex(phone);
    if (/^\d+$/.test(q)) search.numberPrefix = q;
    if (!id.ok && !isPhone(phone) && !/^\d+$/.test(q)) {
      search.namePrefix = q;
      // …or the name of a place: the households of 马庄村, or of every village of 逻西乡.
      search.regionCodes = await findHomeRegionsByName(deps.pool, scope, q);
    }
  }
  const { rows, total } = await searchHouseholds(deps.pool, scope, search);
  return { items: rows.map(presentSummary), total, page: input.page, pageSize: input.pageSize };
}
