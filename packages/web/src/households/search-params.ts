import type { HouseholdQuery, HouseholdType } from '../api/types';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** Search state lives in the URL so Back from a household returns to the same page of results. */
export function queryFromSearchParams(params: URLSearchParams): HouseholdQuery {
  const type = params.get('type');
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const query: HouseholdQuery = {
    page: positiveInt(params.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
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
  if (query.page > 1) params.set('page', String(query.page));
  if (query.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(query.pageSize));
  return params;
}
