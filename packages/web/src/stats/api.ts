import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch, withQuery } from '../api/client';

export type Count = { households: number; persons: number };

/** `GET /api/stats/overview` (definitions: docs/statistics.md). */
export interface Overview {
  asOf: string;
  regionCode: string | null;
  regionName: string | null;
  monitoring: {
    households: number;
    persons: number;
    byCategory: Record<string, Count>;
    byRiskType: Record<string, Count>;
    byStatus: Record<string, Count>;
    byRegion: (Count & { code: string; name: string })[];
  };
  trend: { month: string; identified: number; eliminated: number }[];
  funnel: { channel: string; reports: number; clues: number; cases: number; identifiedHouseholds: number; identifiedPersons: number; screenedOut: number }[];
  openCases: { total: number; byStep: Record<string, number>; overdue: number; dueSoon: number; today: string };
  helpers: { assignedOnTime: number; assignedLate: number; unassigned: number };
  coverage: { uncoveredRisks: number; uncoveredHouseholds: number };
  warnings: { bySource: Record<string, number>; byStatus: Record<string, number> };
}

export interface StatsQuery {
  regionCode?: string | undefined;
  asOf?: string | undefined;
}

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
export const REPORTS = ['monitoring-objects', 'measures', 'eliminations', 'hotline'] as const;

export function reportLink(overview: Pick<Overview, 'asOf' | 'regionCode'>, name: (typeof REPORTS)[number]): string {
  const params = new URLSearchParams({ asOf: overview.asOf, ...(overview.regionCode ? { regionCode: overview.regionCode } : {}) });
  return `/api/reports/${name}.xlsx?${params.toString()}`;
}
