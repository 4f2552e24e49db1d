import { can, isInScope, normalizeRegionCode, regionSignificantPrefix, scopeOf, type Actor, type MonitoringFlag, type MonitoringStatus } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { presentMonitoringObject } from './present.ts';
import type { HelperTimeliness } from './as-of-sql.ts';
import { findHelpers, findMonitoringObjects, type MonitoringObjectFilter } from './repo.ts';
import { visitIntervalsOf } from './visit-schedule.ts';
import { readsOnlyAssignedHouseholds } from './show-monitoring-record.ts';

export type ListMonitoringObjectsInput = {
  status?: MonitoringStatus | 'eliminated' | undefined;
  category?: string | undefined;
  riskType?: string | undefined;
  regionCode?: string | undefined;
  flag?: MonitoringFlag | undefined;
  asOf?: string | undefined;
  helper?: HelperTimeliness | undefined;
  identifiedIn?: string | undefined;
  eliminatedIn?: string | undefined;
  page: number;
  pageSize: number;
};

/**
 * The register of monitoring objects (监测对象) in the actor's scope, filtered. A helping cadre sees
 * only the households assigned to them (我的帮扶户), or its whole region where the rule set in force
 * says `helperReadScope: 'region'`. A region filter outside the scope finds nothing
 * rather than widening it. `actor: null` is the CLI (every region, or the `--region` given).
 */
export async function listMonitoringObjects(tx: Tx, actor: Actor | null, today: string, input: ListMonitoringObjectsInput) {
  if (actor && !can(actor, 'household.read')) throw new AppError('FORBIDDEN', 'Your role may not read the register');
  const scope = actor ? scopeOf(actor) : { regionPrefix: '', countyCodes: [] };
  const filter: MonitoringObjectFilter = {
    status: input.status,
    category: input.category,
    riskType: input.riskType,
    flag: input.flag,
    asOf: input.asOf,
    helper: input.helper,
    identifiedIn: input.identifiedIn,
    eliminatedIn: input.eliminatedIn,
    visitIntervals: await visitIntervalsOf(tx, scope.countyCodes, today),
    today,
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  };
  if (actor && (await readsOnlyAssignedHouseholds(tx, actor, actor.regionCode, today))) filter.helperUserId = actor.userId;
  if (input.regionCode) {
    let code: string;
    try {
      code = normalizeRegionCode(input.regionCode);
    } catch {
      throw new AppError('VALIDATION_FAILED', 'regionCode must be a region code', { field: 'regionCode' });
    }
    const prefix = regionSignificantPrefix(code);
    if (actor && !isInScope(scope, code) && !isInScope({ ...scope, regionPrefix: prefix }, actor.regionCode)) return { items: [], total: 0, page: input.page, pageSize: input.pageSize };
    filter.regionPrefix = prefix;
  }
  const { rows, total } = await findMonitoringObjects(tx, scope, filter);
  const helpers = await findHelpers(tx, rows.map((r) => r.householdId), { activeOnly: true });
  const byHousehold = new Map<string, typeof helpers>();
  for (const h of helpers) byHousehold.set(h.householdId, [...(byHousehold.get(h.householdId) ?? []), h]);
  return { items: rows.map((r) => presentMonitoringObject(r, byHousehold.get(r.householdId) ?? [], today)), total, page: input.page, pageSize: input.pageSize };
}
