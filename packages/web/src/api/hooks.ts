import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, isApiError, uploadFile, withQuery, type UploadOptions } from './client';
import type {
  HouseholdPage,
  DepartmentBatch,
  DepartmentImportResult,
  DepartmentSource,
  HistoryEntry,
  HouseholdDetail,
  HouseholdQuery,
  Me,
  NewRuleSetVersion,
  RegionTreeNode,
  RuleSet,
  RuleSetPublishResult,
  RuleSetVersionItem,
  TrialAssessmentResult,
  Warning,
  WarningCorrectionResult,
  WarningCorrectionTarget,
  WarningEvidenceRow,
  WarningQuery,
  WarningTransition,
  WarningTransitionResult,
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
  departmentSources: ['department', 'sources'] as const,
  departmentBatches: (source: string) => ['department', 'batches', source] as const,
  warnings: (query: WarningQuery) => ['warnings', query] as const,
  warningRows: (id: string) => ['warnings', 'rows', id] as const,
};

/** The session query: the signed-in user, or `null` when there is no session (401). */
export const meQuery = {
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
};

/**
 * The session as a query (pending, error, `null` without a session): for the login page and the
 * shell's guard. Pages behind the login use useSignedInUser (app/signed-in-user.ts) instead.
 */
export function useMe() {
  return useQuery(meQuery);
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
      apiFetch<HouseholdPage>(
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

/** Reveals are audited by the server with the reason given; never cached, never retried. */
export async function revealHouseholdPhone(householdId: string, reason: string): Promise<string> {
  const { value } = await apiFetch<{ value: string }>(`/api/households/${encodeURIComponent(householdId)}/reveal`, {
    method: 'POST',
    body: { field: 'phone', reason },
  });
  return value;
}

export async function revealMemberIdNumber(memberId: string, reason: string): Promise<string> {
  const { value } = await apiFetch<{ value: string }>(`/api/members/${encodeURIComponent(memberId)}/reveal`, {
    method: 'POST',
    body: { field: 'idNumber', reason },
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

/** The 15 department sources with their columns, recognised headers and signal rules. */
export function useDepartmentSources() {
  return useQuery({
    queryKey: queryKeys.departmentSources,
    queryFn: ({ signal }) => apiFetch<{ items: DepartmentSource[] }>('/api/department-sources', { signal }),
    select: (data) => data.items,
    staleTime: 30 * 60_000,
  });
}

/** Department imports, newest first (optionally of one source). */
export function useDepartmentBatches(source: string | undefined, enabled = true) {
  return useQuery({
    queryKey: queryKeys.departmentBatches(source ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<{ items: DepartmentBatch[] }>(withQuery('/api/department-batches', { source }), { signal }),
    select: (data) => data.items,
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useWarnings(query: WarningQuery, enabled = true) {
  return useQuery({
    queryKey: queryKeys.warnings(query),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Warning[]; total: number }>(
        withQuery('/api/warnings', {
          source: query.source,
          status: query.status,
          riskType: query.riskType,
          regionCode: query.regionCode,
          dueBefore: query.dueBefore,
          householdId: query.householdId,
          page: query.page,
          pageSize: query.pageSize,
        }),
        { signal },
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The department rows a warning rests on (its 依据). */
export function useWarningRows(id: string | null) {
  return useQuery({
    queryKey: queryKeys.warningRows(id ?? ''),
    queryFn: ({ signal }) => apiFetch<{ items: WarningEvidenceRow[] }>(`/api/warnings/${encodeURIComponent(id ?? '')}/rows`, { signal }),
    select: (data) => data.items,
    enabled: id !== null,
  });
}

/** Bulk dispatch or verification; the server answers per id. */
export function useTransitionWarnings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { ids: string[]; to: WarningTransition; reason?: string; occurredOn?: string }) =>
      (
        await apiFetch<{ results: WarningTransitionResult[] }>('/api/warnings/transition', {
          method: 'POST',
          body: input,
        })
      ).results,
    // Warnings change the to-do (and its badge) and, when a risk is confirmed, the cases.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['warnings'] }),
        queryClient.invalidateQueries({ queryKey: ['cases'] }),
      ]),
  });
}

/** Corrects a recorded verification result (county centre): POST /api/warnings/:id/correction. */
export function useCorrectWarning() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; to: WarningCorrectionTarget; reason: string }) =>
      apiFetch<WarningCorrectionResult>(`/api/warnings/${encodeURIComponent(input.id)}/correction`, {
        method: 'POST',
        body: { to: input.to, reason: input.reason },
      }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['warnings'] }),
        queryClient.invalidateQueries({ queryKey: ['cases'] }),
      ]),
  });
}

/** Uploads a department file: `dryRun` previews (nothing stored), otherwise imports. */
export function uploadDepartmentFile(
  source: string,
  file: File,
  dryRun: boolean,
  options: UploadOptions = {},
  asOf?: string,
): Promise<DepartmentImportResult> {
  return uploadFile<DepartmentImportResult>(
    withQuery(`/api/imports/department/${encodeURIComponent(source)}`, { dryRun: String(dryRun), asOf }),
    file,
    file.name,
    options,
  );
}
