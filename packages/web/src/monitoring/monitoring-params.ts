import { MONITORING_FLAGS, MONITORING_STATUSES, type MonitoringFlag, type MonitoringStatus } from '@fangpin/domain';
import { pagingFromParams, setPaging } from '../ui/page-params';
import type { MonitoringCategory, MonitoringQuery } from './api';

export const PAGE_SIZES = [10, 20, 50, 100] as const;
const CATEGORIES: readonly (MonitoringCategory | 'none')[] = ['unstable', 'marginal', 'sudden', 'none'];
const HELPER_TIMELINESS = ['onTime', 'late', 'unassigned'] as const;

/** The register's filters live in the URL (a to-do link opens `/monitoring?flag=helperOverdue`); unknown values are dropped. */
export function monitoringQueryFromParams(params: URLSearchParams): MonitoringQuery {
  const query: MonitoringQuery = pagingFromParams(params, PAGE_SIZES);
  const status = params.get('status');
  if (status && ([...MONITORING_STATUSES, 'eliminated'] as readonly string[]).includes(status)) query.status = status as MonitoringStatus | 'eliminated';
  const category = params.get('category');
  if (category && (CATEGORIES as readonly string[]).includes(category)) query.category = category as MonitoringCategory | 'none';
  const asOf = params.get('asOf');
  if (asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf)) query.asOf = asOf;
  const helper = params.get('helper');
  if (helper && (HELPER_TIMELINESS as readonly string[]).includes(helper)) query.helper = helper as (typeof HELPER_TIMELINESS)[number];
  for (const key of ['identifiedIn', 'eliminatedIn'] as const) {
    const month = params.get(key);
    if (month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month)) query[key] = month;
  }
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
  for (const key of ['status', 'category', 'riskType', 'regionCode', 'flag', 'asOf', 'helper', 'identifiedIn', 'eliminatedIn'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  return setPaging(params, query);
}
