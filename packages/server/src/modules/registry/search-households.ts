import {
  can,
  fieldPolicyOf,
  isInScope,
  maskIdNumber,
  maskPhone,
  normalizeRegionCode,
  parseIdNumber,
  scopeOf,
  regionSignificantPrefix,
  type Actor,
} from '@fangpin/domain';
import type { AppDeps } from '../../context.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { assertWithinAccessLimit } from '../audit/access-limits.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { isPhone, normalizePhone } from './phone.ts';
import { searchHouseholds, type HouseholdSearch } from './repo.ts';
import { presentSummary } from './present.ts';
import { findHomeRegionsByName } from '../regions/repo.ts';
import { findStatusOfHouseholds } from '../monitoring/repo.ts';
import { readsOnlyAssignedHouseholds } from '../monitoring/show-monitoring-record.ts';
import { localDate } from '../../clock.ts';

export type SearchHouseholdsInput = {
  q?: string | undefined;
  type?: 'formerlyPoor' | 'ordinary' | undefined;
  regionCode?: string | undefined;
  page: number;
  pageSize: number;
};

/** The audit action of a search by a full ID number or phone (the per-user limit counts them). */
export const IDENTIFIER_SEARCH_ACTION = 'household.searchedByIdentifier';

/**
 * Household search in the actor's scope. `q` is read as, in order: an ID number (matched through the
 * blind index, so the full number is never in a query log), a phone, a household-number prefix, or
 * text: a member's name prefix or the name (prefix) of a township, village or group. A helping cadre
 * whose rule set says `helperReadScope: 'assigned'` (the default) finds only the households it helps.
 *
 * A search by a full ID number or phone answers "is this person registered, and where?" — an oracle
 * that, tried number after number against a masked one, gives the full number back. So it is open
 * only to roles that may reveal (others get 403 for an ID number; a phone-shaped `q` is read as a
 * household-number prefix only), limited per user, and audited with the masked number. Every search
 * writes one audit row with the households it returned (docs/personal-data.md, "What is audited").
 */
export async function searchHouseholdsInScope(deps: AppDeps, actor: Actor, input: SearchHouseholdsInput) {
  if (!can(actor, 'household.read'))
    throw new AppError('FORBIDDEN', 'Your role may not read the registry');
  const scope = scopeOf(actor);
  const mayUseIdentifiers = can(actor, 'member.reveal');
  const search: HouseholdSearch = { limit: input.pageSize, offset: (input.page - 1) * input.pageSize };
  if (input.type) search.type = input.type;
  if (input.regionCode) {
    let code: string;
    try {
      code = normalizeRegionCode(input.regionCode);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'regionCode must be a region code', {
        field: 'regionCode',
      });
    }
    // A filter outside the scope finds nothing, rather than widening the scope.
    if (
      !isInScope(scope, code) &&
      !isInScope({ ...scope, regionPrefix: regionSignificantPrefix(code) }, actor.regionCode)
    ) {
      return { items: [], total: 0, totalCapped: false, page: input.page, pageSize: input.pageSize };
    }
    search.regionPrefix = regionSignificantPrefix(code);
  }
  const q = (input.q ?? '').trim();
  let by: 'idNumber' | 'phone' | 'householdNumber' | 'name' | 'list' = 'list';
  let maskedQuery: string | undefined;
  let isIdRefusedUnlessNumber = false;
  if (q) {
    const id = parseIdNumber(q);
    const phone = normalizePhone(q);
    if (id.ok && mayUseIdentifiers) {
      search.idIndex = deps.cipher.blindIndex(id.value);
      by = 'idNumber';
      maskedQuery = maskIdNumber(id.value);
    }
    // An 18-digit household number (a 12-digit village code and a 6-digit sequence) can also read as
    // a valid ID number: for a role without the right to search by ID it is a household number, and
    // only when no household has that number is it refused as an ID search (below).
    isIdRefusedUnlessNumber = id.ok && !mayUseIdentifiers;
    if (isIdRefusedUnlessNumber && !/^\d+$/.test(q)) throw idSearchForbidden(); // ends in X: no household number
    if (isPhone(phone) && mayUseIdentifiers) {
      search.phoneIndex = deps.cipher.blindIndex(phone);
      if (by === 'list') {
        by = 'phone';
        maskedQuery = maskPhone(phone);
      }
    }
    if (/^\d+$/.test(q)) {
      search.numberPrefix = q;
      if (by === 'list') by = 'householdNumber';
    }
    if (!id.ok && !isPhone(phone) && !/^\d+$/.test(q)) {
      search.namePrefix = q;
      by = 'name';
      // …or the name of a place: the households of 马庄村, or of every village of 逻西乡.
      search.regionCodes = await findHomeRegionsByName(deps.pool, scope, q);
    }
  }
  // A helping cadre whose rule set says `helperReadScope: 'assigned'` finds only the households it helps.
  if (await readsOnlyAssignedHouseholds(deps.pool, actor, actor.regionCode, localDate(deps.now()))) search.helpedBy = actor.userId;
  const isByIdentifier = by === 'idNumber' || by === 'phone';
  return withTransaction(deps.pool, async (tx) => {
    if (isByIdentifier)
      await assertWithinAccessLimit(
        tx,
        actor.userId,
        [IDENTIFIER_SEARCH_ACTION],
        deps.config.identifierSearchLimit,
        'identifierSearch',
      );
    const { rows, total, totalCapped } = await searchHouseholds(tx, scope, search);
    if (isIdRefusedUnlessNumber && total === 0) throw idSearchForbidden();
    await recordAudit(
      tx,
      actor,
      isByIdentifier ? IDENTIFIER_SEARCH_ACTION : 'household.searched',
      { type: 'household', regionCode: actor.regionCode },
      {
        details: {
          by,
          ...(maskedQuery ? { query: maskedQuery } : by === 'name' || by === 'householdNumber' ? { query: q } : {}),
          total,
          ...(totalCapped ? { totalCapped } : {}),
          householdIds: rows.map((r) => r.id),
        },
      },
    );
    const policy = fieldPolicyOf(actor.role);
    const statuses = await findStatusOfHouseholds(tx, rows.map((r) => r.id));
    return { items: rows.map((r) => presentSummary(r, policy, statuses.get(r.id) ?? null)), total, totalCapped, page: input.page, pageSize: input.pageSize };
   }, { accessLogOnly: true });
}

function idSearchForbidden(): AppError {
  return new AppError('FORBIDDEN', 'Searching by a full ID number needs the right to view full personal data', { field: 'q', reason: 'idSearchForbidden' });
}
