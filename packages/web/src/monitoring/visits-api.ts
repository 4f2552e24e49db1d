import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, uploadFile } from '../api/client';
import type { EvidenceFile, HelperVisitInput, HelperVisits, VisitAssessment } from '@fangpin/domain';

/** The shapes of helper visits (packages/domain/src/contracts/monitoring.ts). */
export type { HelperVisit, HelperVisitInput, HelperVisits, VisitAssessment } from '@fangpin/domain';
export type VisitIncomeUpdate = NonNullable<HelperVisitInput['incomeUpdate']>;

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
