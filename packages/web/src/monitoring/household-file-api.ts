import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../api/client';
import type { HouseholdFile } from '@fangpin/domain';

/** `GET /api/households/:id/file`: 一户一档 (packages/domain/src/contracts/monitoring.ts). */
export type { HouseholdFile } from '@fangpin/domain';

/** The file for the print page (the server audits it as printed). */
export function useHouseholdFile(householdId: string) {
  return useQuery({
    queryKey: ['household', householdId, 'file'],
    queryFn: ({ signal }) => apiFetch<HouseholdFile>(`/api/households/${encodeURIComponent(householdId)}/file?purpose=print`, { signal }),
    staleTime: Infinity,
  });
}
