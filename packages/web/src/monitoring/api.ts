import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { HelperKind, MeasureStatus, MonitoringFlag, MonitoringStatus } from '@fangpin/domain';
import { apiFetch, uploadFile, withQuery } from '../api/client';
import type { HistoryEntry } from '../api/types';

export type MonitoringCategory = 'unstable' | 'marginal' | 'sudden';

export interface HelperSummary {
  id: string;
  kind: HelperKind;
  name: string;
  unit: string;
  phoneMasked: string;
  assignedOn: string;
  userId: string | null;
}

/** One item of `GET /api/monitoring-objects`. */
export interface MonitoringObject {
  householdId: string;
  householdNumber: string;
  headName: string;
  regionCode: string;
  villageName: string;
  townshipName: string;
  category: MonitoringCategory | null;
  riskTypes: string[];
  status: MonitoringStatus;
  identifiedOn: string | null;
  helpers: HelperSummary[];
  /** Risk types without a measure of a matching category. */
  uncoveredRiskTypes: string[];
  helperDueOn: string | null;
  isHelperOverdue: boolean;
  hasHelper: boolean;
  incomeYear: number;
  perCapitaIncome: number;
  eliminatedOn: string | null;
  /** The last helper visit, and the day the next is due (null once the risk is eliminated). */
  lastVisitOn: string | null;
  nextVisitDueOn: string | null;
  isVisitOverdue: boolean;
}

export interface MonitoringQuery {
  /** `eliminated`: either eliminated status (a statistics drill-down). */
  status?: MonitoringStatus | 'eliminated';
  category?: MonitoringCategory | 'none';
  riskType?: string;
  regionCode?: string;
  flag?: MonitoringFlag;
  /** Statistics drill-downs (docs/statistics.md): the register as of a date, helper timeliness, the trend's months. */
  asOf?: string;
  helper?: 'onTime' | 'late' | 'unassigned';
  identifiedIn?: string;
  eliminatedIn?: string;
  page: number;
  pageSize: number;
}

export interface Helper extends HelperSummary {
  assignedBy: string;
  endedOn: string | null;
  endReason: string | null;
  replacedBy: string | null;
}

/** `GET /api/households/:id/monitoring`. */
export interface MonitoringRecord {
  householdId: string;
  record: {
    status: MonitoringStatus;
    category: MonitoringCategory | null;
    riskTypes: string[];
    identifiedOn: string | null;
    incomeYear: number;
    perCapitaIncome: number;
    helperDueOn: string | null;
    isHelperOverdue: boolean;
    eliminatedOn: string | null;
    eliminationMode: string | null;
    rolledBackOn: string | null;
    rollbackReason: string | null;
  } | null;
  helpers: Helper[];
  measures: Measure[];
  coverage: { uncoveredRiskTypes: string[]; problems: CoverageProblem[]; isChecked: boolean } | null;
  history: HistoryEntry[];
  abilities: { canAssignHelpers: boolean; canRecordMeasures: boolean };
}

export interface HelperInput {
  kind: HelperKind;
  userId?: string;
  name?: string;
  unit?: string;
  phone?: string;
  assignedOn?: string;
}

export function useMonitoringObjects(query: MonitoringQuery, enabled = true) {
  return useQuery({
    queryKey: ['monitoring-objects', query],
    queryFn: ({ signal }) =>
      apiFetch<{ items: MonitoringObject[]; total: number; page: number; pageSize: number }>(
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
      apiFetch<{ id: string; assignedOn: string; dueOn: string | null; isLate: boolean }>(
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

export interface HelperCandidate {
  id: string;
  displayName: string;
  regionCode: string;
  regionName: string | null;
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

export interface EvidenceFile {
  id: string;
  fileName: string;
  url: string;
}

export interface Measure {
  id: string;
  riskType: string;
  category: string;
  measure: string;
  department: string;
  amount: number | null;
  startOn: string;
  endOn: string | null;
  status: MeasureStatus;
  deliveredOn: string | null;
  createdBy: string;
  version: number;
  attachments: EvidenceFile[];
}

/** A coverage problem in the rule's words (zh-CN, from the domain). */
export interface CoverageProblem {
  code: string;
  riskType?: string;
  message: string;
  rule: string;
  expected?: string[];
}

export interface MeasureInput {
  riskType: string;
  category: string;
  measure: string;
  department?: string;
  amount?: number | null;
  startOn: string;
  endOn?: string | null;
  status?: MeasureStatus;
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
  return useHouseholdMutation(householdId, ({ measure, status }: { measure: Measure; status: MeasureStatus }) =>
    apiFetch<{ id: string; status: MeasureStatus; version: number }>(
      `/api/households/${encodeURIComponent(householdId)}/measures/${encodeURIComponent(measure.id)}/status`,
      { method: 'POST', body: { status, version: measure.version } },
    ),
  );
}

export function useAttachEvidence(householdId: string) {
  return useHouseholdMutation(householdId, ({ measureId, file }: { measureId: string; file: File }) =>
    uploadFile<EvidenceFile>(`/api/households/${encodeURIComponent(householdId)}/measures/${encodeURIComponent(measureId)}/attachments`, file, file.name),
  );
}
