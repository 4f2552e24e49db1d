import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, isApiError, withQuery } from './client';
import type {
  HistoryEntry,
  HouseholdDetail,
  HouseholdQuery,
  HouseholdSummary,
  Me,
  NewRuleSetVersion,
  Page,
  RegionTreeNode,
  RuleSet,
  RuleSetPublishResult,
  RuleSetVersionItem,
  TrialAssessmentResult,
} from './types';

export const queryKeys = {
  me: ['me'] as const,
  households: (query: HouseholdQuery) => ['households', query] as const,
  household: (id: string) => ['household', id] as const,
  householdHistory: (id: string) => ['household', id, 'history'] as const,
  regionTree: (root: string) => ['regions', 'tree', root] as const,
  ruleSets: ['rule-sets'] as const,
  ruleSetInForce: (regionCode: string, date: string) => ['rule-sets', 'in-force', regionCode, date] as const,
  ruleSetVersions: (regionCode: string) => ['rule-sets', 'versions', regionCode] as const,
};

/** The signed-in user, or `null` when there is no session (401). */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async (): Promise<Me | null> => {
      try {
        const { user } = await apiFetch<{ user: Me }>('/api/auth/me', { ignoreUnauthorized: true });
        return user;
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      apiFetch<{ user: Me }>('/api/auth/login', { method: 'POST', body: input, ignoreUnauthorized: true }),
    onSuccess: ({ user }) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>('/api/auth/logout', { method: 'POST', ignoreUnauthorized: true }),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}

export function useHouseholds(query: HouseholdQuery) {
  return useQuery({
    queryKey: queryKeys.households(query),
    queryFn: ({ signal }) =>
      apiFetch<Page<HouseholdSummary>>(
        withQuery('/api/households', {
          q: query.q,
          type: query.type,
          regionCode: query.regionCode,
          page: query.page,
          pageSize: query.pageSize,
        }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useHousehold(id: string) {
  return useQuery({
    queryKey: queryKeys.household(id),
    queryFn: ({ signal }) => apiFetch<HouseholdDetail>(`/api/households/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useHouseholdHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.householdHistory(id),
    queryFn: ({ signal }) =>
      apiFetch<{ items: HistoryEntry[] }>(`/api/households/${encodeURIComponent(id)}/history`, { signal }),
    enabled,
  });
}

/** The region tree under the actor's own region (the server's default root), two levels deep. */
export function useRegionTree(regionCode: string | undefined) {
  return useQuery({
    queryKey: queryKeys.regionTree(regionCode ?? ''),
    queryFn: ({ signal }) => apiFetch<RegionTreeNode>(withQuery('/api/regions/tree', { depth: 2 }), { signal }),
    enabled: Boolean(regionCode),
    staleTime: 30 * 60_000,
    retry: false,
  });
}

/** Reveals are audited by the server; never cached, never retried. */
export async function revealHouseholdPhone(householdId: string): Promise<string> {
  const { value } = await apiFetch<{ value: string }>(`/api/households/${encodeURIComponent(householdId)}/reveal`, {
    method: 'POST',
    body: { field: 'phone' },
  });
  return value;
}

export async function revealMemberIdNumber(memberId: string): Promise<string> {
  const { value } = await apiFetch<{ value: string }>(`/api/members/${encodeURIComponent(memberId)}/reveal`, {
    method: 'POST',
    body: { field: 'idNumber' },
  });
  return value;
}

/** The rule set in force for a region on a date (province default merged with the county override). */
export function useRuleSetInForce(regionCode: string | undefined, date: string | undefined) {
  return useQuery({
    queryKey: queryKeys.ruleSetInForce(regionCode ?? '', date ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<{ ruleSet: RuleSet }>(withQuery('/api/rule-sets/in-force', { regionCode, date }), { signal }),
    enabled: Boolean(regionCode && date),
    select: (data) => data.ruleSet,
    placeholderData: keepPreviousData,
  });
}

/** Every stored version for the region and its ancestors, newest first. */
export function useRuleSetVersions(regionCode: string | undefined, enabled = true) {
  return useQuery({
    queryKey: queryKeys.ruleSetVersions(regionCode ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<{ items: RuleSetVersionItem[] }>(withQuery('/api/rule-sets/versions', { regionCode }), { signal }),
    enabled: Boolean(regionCode) && enabled,
    select: (data) => data.items,
  });
}

/** Validates a new version and returns its diff; nothing is stored. */
export function usePreviewRuleSetVersion() {
  return useMutation({
    mutationFn: (input: NewRuleSetVersion) =>
      apiFetch<RuleSetPublishResult>('/api/rule-sets/versions/preview', { method: 'POST', body: input }),
  });
}

/** Publishes a new version (audited); every cached rule set may have changed. */
export function usePublishRuleSetVersion() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewRuleSetVersion) =>
      apiFetch<RuleSetPublishResult>('/api/rule-sets/versions', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.ruleSets }),
  });
}

/** System assessment of a (trial) household under the rule set in force on its application date. */
export function useRunAssessment() {
  return useMutation({
    mutationFn: async (household: Record<string, unknown>) =>
      (
        await apiFetch<{ assessment: TrialAssessmentResult }>('/api/assessments', {
          method: 'POST',
          body: { household },
        })
      ).assessment,
  });
}
