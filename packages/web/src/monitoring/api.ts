import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EvidenceFile, HelperAssigned, HelperCandidate, HelperInput, Measure, MeasureInput, MeasureStatus, MonitoringObjectsPage, MonitoringQuery, MonitoringRecord } from '@fangpin/domain';
import { apiFetch, uploadFile, withQuery } from '../api/client';

/** The response and request shapes of monitoring (packages/domain/src/contracts/monitoring.ts). */
export type {
  CoverageProblemView as CoverageProblem,
  EvidenceFile,
  Helper,
  HelperCandidate,
  HelperInput,
  HelperSummary,
  Measure,
  MeasureInput,
  MonitoringCategory,
  MonitoringObject,
  MonitoringQuery,
  MonitoringRecord,
} from '@fangpin/domain';

export function useMonitoringObjects(query: MonitoringQuery, enabled = true) {
  return useQuery({
    queryKey: ['monitoring-objects', query],
    queryFn: ({ signal }) =>
      apiFetch<MonitoringObjectsPage>(
        withQuery('/api/monitoring-objects', { ...query }),
        { signal },
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useMonitoringRecord(householdId: string) {
  return useQuery({
    queryKey: ['household', householdId, 'monitoring'],
    queryFn: ({ signal }) => apiFetch<MonitoringRecord>(`/api/households/${encodeURIComponent(householdId)}/monitoring`, { signal }),
  });
}

/** Assigns a helper, or (with `replaces`) reassigns one: the old assignment ends with the reason. */
export function useAssignHelper(householdId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ input, replaces, reason }: { input: HelperInput; replaces?: string; reason?: string }) =>
      apiFetch<HelperAssigned>(
        replaces
          ? `/api/households/${encodeURIComponent(householdId)}/helpers/${encodeURIComponent(replaces)}/reassign`
          : `/api/households/${encodeURIComponent(householdId)}/helpers`,
        { method: 'POST', body: replaces ? { ...input, reason } : input },
      ),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['household', householdId] });
      await queryClient.invalidateQueries({ queryKey: ['monitoring-objects'] });
    },
  });
}

/** Helping-cadre accounts whose region contains the household (for the assignment form). */
export function useHelperCandidates(householdId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['household', householdId, 'helper-candidates'],
    queryFn: ({ signal }) =>
      apiFetch<{ items: HelperCandidate[] }>(`/api/households/${encodeURIComponent(householdId)}/helper-candidates`, { signal }),
    enabled,
  });
}

function useHouseholdMutation<I, O>(householdId: string, fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['household', householdId] });
      await queryClient.invalidateQueries({ queryKey: ['monitoring-objects'] });
    },
  });
}

export function useRecordMeasure(householdId: string) {
  return useHouseholdMutation(householdId, (input: MeasureInput) =>
    apiFetch<{ id: string }>(`/api/households/${encodeURIComponent(householdId)}/measures`, { method: 'POST', body: input }),
  );
}

export function useMoveMeasure(householdId: string) {
  return useHouseholdMutation(householdId, ({ measure, status, on }: { measure: Measure; status: MeasureStatus; on?: string }) =>
    apiFetch<{ id: string; status: MeasureStatus; version: number }>(
      `/api/households/${encodeURIComponent(householdId)}/measures/${encodeURIComponent(measure.id)}/status`,
      { method: 'POST', body: on ? { status, version: measure.version, on } : { status, version: measure.version } },
    ),
  );
}

export function useAttachEvidence(householdId: string) {
  return useHouseholdMutation(householdId, ({ measureId, file }: { measureId: string; file: File }) =>
    uploadFile<EvidenceFile>(`/api/households/${encodeURIComponent(householdId)}/measures/${encodeURIComponent(measureId)}/attachments`, file, file.name),
  );
}
