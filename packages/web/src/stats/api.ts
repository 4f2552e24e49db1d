import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DeadlineKind, Deadlines, DeadlineStatus, Overview, ReportName, StatsQuery } from '@fangpin/domain';
import { apiFetch, withQuery } from '../api/client';

/** `GET /api/stats/overview` and its query (packages/domain/src/contracts/stats.ts; definitions: docs/statistics.md). */
export type { Count, DeadlineItem, DeadlineKind, Deadlines, DeadlinesQuery, DeadlineStatus, Overview, StatsQuery } from '@fangpin/domain';

export function useOverview(query: StatsQuery) {
  return useQuery({
    queryKey: ['stats', 'overview', query.regionCode ?? '', query.asOf ?? ''],
    queryFn: ({ signal }) => apiFetch<Overview>(withQuery('/api/stats/overview', { regionCode: query.regionCode, asOf: query.asOf }), { signal }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The drill-down addresses: the lists behind the figures, with the same region and date. */
export function monitoringLink(overview: Pick<Overview, 'asOf' | 'regionCode'>, filter: Record<string, string>): string {
  const params = new URLSearchParams({ asOf: overview.asOf, ...(overview.regionCode ? { regionCode: overview.regionCode } : {}), ...filter });
  return `/monitoring?${params.toString()}`;
}

export function casesLink(overview: Pick<Overview, 'regionCode'>, filter: Record<string, string>): string {
  const params = new URLSearchParams({ ...(overview.regionCode ? { regionCode: overview.regionCode } : {}), ...filter });
  return `/cases?${params.toString()}`;
}

export function warningsLink(overview: Pick<Overview, 'regionCode'>, filter: Record<string, string>): string {
  const params = new URLSearchParams({ ...(overview.regionCode ? { regionCode: overview.regionCode } : {}), ...filter });
  return `/warnings?${params.toString()}`;
}

/** The standard report tables (报表), downloaded as XLSX for the same region and date. */
export const REPORTS = ['monitoring-objects', 'measures', 'eliminations', 'hotline'] as const satisfies readonly ReportName[];

export function reportLink(overview: Pick<Overview, 'asOf' | 'regionCode'>, name: ReportName): string {
  const params = new URLSearchParams({ asOf: overview.asOf, ...(overview.regionCode ? { regionCode: overview.regionCode } : {}) });
  return `/api/reports/${name}.xlsx?${params.toString()}`;
}

/** `GET /api/stats/deadlines`: the deadline board (期限看板) of a region, counted on today. */
export function useDeadlines(query: { regionCode?: string | undefined; kind?: DeadlineKind | undefined; status: DeadlineStatus; page: number }) {
  return useQuery({
    queryKey: ['stats', 'deadlines', query.regionCode ?? '', query.kind ?? '', query.status, query.page],
    queryFn: ({ signal }) =>
      apiFetch<Deadlines>(withQuery('/api/stats/deadlines', { regionCode: query.regionCode, kind: query.kind, status: query.status, page: query.page === 1 ? undefined : query.page }), { signal }),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The board with the dashboard's region and a filter (the address carries them, so a link can be shared). */
export function deadlinesLink(overview: Pick<Overview, 'regionCode'>, filter: { kind?: string; status?: string }): string {
  const params = new URLSearchParams({ ...(overview.regionCode ? { regionCode: overview.regionCode } : {}), ...filter });
  return `/stats/deadlines?${params.toString()}`;
}
