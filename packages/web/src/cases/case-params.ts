import { IDENTIFICATION_STEPS, type IdentificationStep } from '@fangpin/domain';
import type { CaseQuery } from './types';
import { pagingFromParams, setPaging } from '../ui/page-params';

export const CASE_PAGE_SIZES = [20, 50, 100] as const;

/** The case list's filters from the address bar; unknown values are dropped. */
export function caseQueryFromParams(params: URLSearchParams): CaseQuery {
  const step = params.get('step');
  const due = params.get('due');
  const query: CaseQuery = pagingFromParams(params, CASE_PAGE_SIZES);
  if (step && (IDENTIFICATION_STEPS as readonly string[]).includes(step)) query.step = step as IdentificationStep;
  if (due === 'overdue' || due === 'soon') query.due = due;
  if (params.get('status') === 'all') query.status = 'all';
  const regionCode = params.get('regionCode');
  if (regionCode && /^\d{6,15}$/.test(regionCode)) query.regionCode = regionCode;
  return query;
}

/** The address-bar form of a query, leaving out defaults. */
export function paramsFromCaseQuery(query: CaseQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.step) params.set('step', query.step);
  if (query.due) params.set('due', query.due);
  if (query.status) params.set('status', query.status);
  if (query.regionCode) params.set('regionCode', query.regionCode);
  return setPaging(params, query);
}
