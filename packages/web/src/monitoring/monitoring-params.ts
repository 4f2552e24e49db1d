import { MONITORING_FLAGS, MONITORING_STATUSES, type MonitoringFlag, type MonitoringStatus } from '@fangpin/domain';
import { pagingFromParams, setPaging } from '../ui/page-params';
import type { MonitoringCategory, MonitoringQuery } from './api';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
const CATEGORIES: readonly MonitoringCategory[] = ['unstable', 'marginal', 'sudden'];

/** The register's filters live in the URL (a to-do link opens `/monitoring?flag=helperOverdue`); unknown values are dropped. */
export function monitoringQueryFromParams(params: URLSearchParams): MonitoringQuery {
  const query: MonitoringQuery = pagingFromParams(params, PAGE_SIZES);
  const status = params.get('status');
  if (status && (MONITORING_STATUSES as readonly string[]).includes(status)) query.status = status as MonitoringStatus;
  const category = params.get('category');
  if (category && (CATEGORIES as readonly string[]).includes(category)) query.category = category as MonitoringCategory;
  const riskType = params.get('riskType');
  if (riskType && /^\d{2,4}$/.test(riskType)) query.riskType = riskType;
  const regionCode = params.get('regionCode');
  if (regionCode && /^\d{6,15}$/.test(regionCode)) query.regionCode = regionCode;
  const flag = params.get('flag');
  if (flag && (MONITORING_FLAGS as readonly string[]).includes(flag)) query.flag = flag as MonitoringFlag;
  return query;
}

export function paramsFromMonitoringQuery(query: MonitoringQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['status', 'category', 'riskType', 'regionCode', 'flag'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  return setPaging(params, query);
}
