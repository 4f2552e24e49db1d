import { isDepartmentSourceCode } from '@fangpin/domain';
import type { WarningQuery, WarningStatus } from '../api/types';
import { WARNING_STATUSES } from '../department/labels';
import { pagingFromParams, setPaging } from '../ui/page-params';

export const WARNING_PAGE_SIZES = [20, 50, 100] as const;

function isStatus(value: string | null): value is WarningStatus {
  return value !== null && (WARNING_STATUSES as readonly string[]).includes(value);
}

/** The queue's filters live in the URL, so Back from a household returns to the same view. */
export function warningQueryFromParams(params: URLSearchParams): WarningQuery {
  const query: WarningQuery = pagingFromParams(params, WARNING_PAGE_SIZES);
  const source = params.get('source');
  if (source && isDepartmentSourceCode(source)) query.source = source;
  const status = params.get('status');
  if (isStatus(status)) query.status = status;
  const riskType = params.get('riskType');
  if (riskType && /^\d{2,4}$/.test(riskType)) query.riskType = riskType;
  const regionCode = params.get('regionCode');
  if (regionCode && /^\d{6,15}$/.test(regionCode)) query.regionCode = regionCode;
  const dueBefore = params.get('dueBefore');
  if (dueBefore && /^\d{4}-\d{2}-\d{2}$/.test(dueBefore)) query.dueBefore = dueBefore;
  // One household's warnings (the link from a case opened by a warning).
  const householdId = params.get('householdId');
  if (householdId && /^[0-9a-f-]{36}$/i.test(householdId)) query.householdId = householdId;
  return query;
}

export function paramsFromWarningQuery(query: WarningQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.source) params.set('source', query.source);
  if (query.status) params.set('status', query.status);
  if (query.riskType) params.set('riskType', query.riskType);
  if (query.regionCode) params.set('regionCode', query.regionCode);
  if (query.dueBefore) params.set('dueBefore', query.dueBefore);
  if (query.householdId) params.set('householdId', query.householdId);
  return setPaging(params, query);
}
