import type { HouseholdQuery, HouseholdType } from '../api/types';
import { pagingFromParams, setPaging } from '../ui/page-params';

export const PAGE_SIZES = [10, 20, 50, 100] as const;

/** Search state lives in the URL so Back from a household returns to the same page of results. */
export function queryFromSearchParams(params: URLSearchParams): HouseholdQuery {
  const type = params.get('type');
  const query: HouseholdQuery = pagingFromParams(params, PAGE_SIZES);
  const q = params.get('q')?.trim();
  if (q) query.q = q;
  if (type === 'formerlyPoor' || type === 'ordinary') query.type = type satisfies HouseholdType;
  const regionCode = params.get('regionCode');
  if (regionCode) query.regionCode = regionCode;
  return query;
}

export function searchParamsFromQuery(query: HouseholdQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.type) params.set('type', query.type);
  if (query.regionCode) params.set('regionCode', query.regionCode);
  return setPaging(params, query);
}
