import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, uploadFile } from '../api/client';
import type { EvidenceFile } from './api';

/** The yearly income a helper records at a visit (the 12 months before the visit's month), yuan. */
export interface VisitIncomeUpdate {
  wage: number;
  operating: number;
  property: number;
  transfer: number;
  operatingCosts: number;
  compliantOutOfPocket: number;
}

/** The assessment a visit's income update recomputed (the domain's `assessHousehold`), with its rule-set version. */
export interface VisitAssessment {
  assessedOn: string;
  ruleSetVersion: string;
  perCapitaNetIncome: number;
  monitoringLine: number;
  withinLine: boolean;
  householdSize: number;
  reasons: { code: string; message: string }[];
}

/** One helper visit (帮扶走访) of `GET /api/households/:id/helper-visits`. */
export interface HelperVisit {
  id: string;
  visitedOn: string;
  visitorName: string;
  visitorRole: string;
  observed: string;
  problems: string;
  incomeUpdate: VisitIncomeUpdate | null;
  incomeYear: number | null;
  perCapitaIncome: number | null;
  assessment: VisitAssessment | null;
  ruleSetVersion: string | null;
  attachments: EvidenceFile[];
}

export interface HelperVisits {
  items: HelperVisit[];
  lastVisitOn: string | null;
  nextVisitDueOn: string | null;
  intervalMonths: number | null;
  canRecord: boolean;
}

export interface HelperVisitInput {
  visitedOn: string;
  observed: string;
  problems?: string;
  incomeUpdate?: VisitIncomeUpdate;
}

export function useHelperVisits(householdId: string, enabled = true) {
  return useQuery({
    queryKey: ['household', householdId, 'helper-visits'],
    queryFn: ({ signal }) => apiFetch<HelperVisits>(`/api/households/${encodeURIComponent(householdId)}/helper-visits`, { signal }),
    enabled,
  });
}

/** Records a visit, then uploads its photos; the household's record and the register are refreshed. */
export function useRecordHelperVisit(householdId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ input, photos }: { input: HelperVisitInput; photos: File[] }) => {
      const created = await apiFetch<{ id: string; assessment: VisitAssessment | null; nextVisitDueOn: string | null }>(
        `/api/households/${encodeURIComponent(householdId)}/helper-visits`,
        { method: 'POST', body: input },
      );
      for (const photo of photos) {
        await uploadFile<EvidenceFile>(`/api/households/${encodeURIComponent(householdId)}/helper-visits/${encodeURIComponent(created.id)}/attachments`, photo, photo.name);
      }
      return created;
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['household', householdId] });
      await queryClient.invalidateQueries({ queryKey: ['monitoring-objects'] });
    },
  });
}
