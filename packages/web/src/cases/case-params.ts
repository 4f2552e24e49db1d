import { IDENTIFICATION_STEPS, type IdentificationStep } from '@fangpin/domain';
import type { CaseQuery } from './types';

export const CASE_PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

/** The case list's filters from the address bar; unknown values are dropped. */
export function caseQueryFromParams(params: URLSearchParams): CaseQuery {
  const step = params.get('step');
  const due = params.get('due');
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const query: CaseQuery = {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: (CASE_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
  if (step && (IDENTIFICATION_STEPS as readonly string[]).includes(step)) query.step = step as IdentificationStep;
  if (due === 'overdue' || due === 'soon') query.due = due;
  if (params.get('status') === 'all') query.status = 'all';
  return query;
}

/** The address-bar form of a query, leaving out defaults. */
export function paramsFromCaseQuery(query: CaseQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.step) params.set('step', query.step);
  if (query.due) params.set('due', query.due);
  if (query.status) params.set('status', query.status);
  if (query.page > 1) params.set('page', String(query.page));
  if (query.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(query.pageSize));
  return params;
}
