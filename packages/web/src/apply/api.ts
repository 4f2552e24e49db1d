import { useMutation, useQuery } from '@tanstack/react-query';
import { apiFetch, withQuery } from '../api/client';

import type { ApplicationReceipt, ApplicationStatus, NewApplication, PublicVillage, PublicVillageList } from '@fangpin/domain';

// Shapes of the self-application API: the contract's types (packages/domain/src/contracts/intake.ts).
// `import type` only: the public page's first download carries no zod (cheap-phone-load journey).
export type { ApplicationStatus, NewApplication, PublicVillage, PublicVillageList };

export function usePublicVillage(code: string | null) {
  return useQuery({
    queryKey: ['public', 'village', code ?? ''],
    queryFn: ({ signal }) =>
      apiFetch<PublicVillage>(`/api/public/villages/${encodeURIComponent(code ?? '')}`, { signal }),
    enabled: Boolean(code),
    staleTime: 60 * 60_000,
  });
}

export function usePublicVillages(county: string, enabled: boolean) {
  return useQuery({
    queryKey: ['public', 'villages', county],
    queryFn: ({ signal }) => apiFetch<PublicVillageList>(withQuery('/api/public/villages', { county }), { signal }),
    enabled,
    staleTime: 60 * 60_000,
  });
}

export function useSubmitApplication() {
  return useMutation({
    mutationFn: (input: NewApplication) =>
      apiFetch<ApplicationReceipt>('/api/public/applications', { method: 'POST', body: input }),
  });
}

export function useApplicationStatus() {
  return useMutation({
    mutationFn: ({ referenceNo, phone }: { referenceNo: string; phone: string }) =>
      apiFetch<ApplicationStatus>(withQuery(`/api/public/applications/${encodeURIComponent(referenceNo)}`, { phone })),
  });
}
