import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, withQuery } from '../api/client';
import type { HouseholdSummary, Page, RegionTreeNode } from '../api/types';
import type { HotlineCallCreated, HotlineCallPage, HotlineQuery, NewHotlineCall, OpenCaseAnswer } from './types';
import { flattenVillages } from './villages';

export const hotlineKeys = {
  openCase: (check: OpenCaseCheck) => ['hotline-calls', 'open-case', check] as const,
  calls: (query: HotlineQuery) => ['hotline-calls', query] as const,
  villages: (root: string) => ['regions', 'villages', root] as const,
  lookup: (q: string) => ['households', 'lookup', q] as const,
};

/** Villages in the actor's region (tree three levels deep covers county → township → village). */
export function useScopeVillages(regionCode: string | undefined) {
  return useQuery({
    queryKey: hotlineKeys.villages(regionCode ?? ''),
    queryFn: ({ signal }) => apiFetch<RegionTreeNode>(withQuery('/api/regions/tree', { depth: 3 }), { signal }),
    enabled: Boolean(regionCode),
    select: flattenVillages,
    staleTime: 30 * 60_000,
  });
}

/** Household type-ahead (name prefix, phone, full ID number or household-number prefix). */
export function useHouseholdLookup(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: hotlineKeys.lookup(text),
    queryFn: ({ signal }) =>
      apiFetch<Page<HouseholdSummary>>(withQuery('/api/households', { q: text, pageSize: 10 }), { signal }),
    enabled: text.length > 0,
    select: (page) => page.items,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useHotlineCalls(query: HotlineQuery, enabled = true) {
  return useQuery({
    queryKey: hotlineKeys.calls(query),
    queryFn: ({ signal }) =>
      apiFetch<HotlineCallPage>(
        withQuery('/api/hotline-calls', {
          from: query.from,
          to: query.to,
          status: query.status,
          page: query.page,
          pageSize: query.pageSize,
        }),
        { signal },
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export interface OpenCaseCheck {
  householdId: string | null;
  regionCode: string | null;
  callerPhone: string | null;
}

/**
 * Before the call is saved: the open case a dispatched call would join (the chosen household's, or
 * one this caller reported in this village), so the desk can say so instead of learning it after.
 * POST, so the phone number stays out of the URL.
 */
export function useOpenCaseOfCall(check: OpenCaseCheck) {
  const enabled = Boolean(check.householdId || (check.regionCode && check.callerPhone));
  return useQuery({
    queryKey: hotlineKeys.openCase(check),
    queryFn: ({ signal }) =>
      apiFetch<OpenCaseAnswer>('/api/hotline-calls/open-case', {
        method: 'POST',
        body: {
          householdId: check.householdId,
          ...(check.regionCode ? { regionCode: check.regionCode } : {}),
          ...(check.callerPhone ? { callerPhone: check.callerPhone } : {}),
        },
        signal,
      }),
    enabled,
    select: (answer) => answer.openCase,
    staleTime: 10_000,
  });
}

export function useCreateHotlineCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewHotlineCall) =>
      apiFetch<HotlineCallCreated>('/api/hotline-calls', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['hotline-calls'] }),
  });
}

/** Where the call-record table downloads as XLSX (GET; the session cookie authorises it). */
export function hotlineExportUrl(from: string | undefined, to: string | undefined): string {
  return withQuery('/api/hotline-calls/export.xlsx', { from, to });
}
