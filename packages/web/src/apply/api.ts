import { useMutation, useQuery } from '@tanstack/react-query';
import { apiFetch, withQuery } from '../api/client';

/** GET /api/public/villages/:code — a village named in a QR code. */
export interface PublicVillage {
  code: string;
  name: string;
  townshipName: string;
  countyName: string;
  /** The county's supervision / hotline number (县级设置); null when not set. */
  supervisionPhone?: string | null;
}

/** GET /api/public/villages?county= */
export interface PublicVillageList {
  county: { code: string; name: string };
  villages: { code: string; name: string; townshipName: string }[];
}

export interface NewApplication {
  villageCode: string;
  name?: string;
  phone: string;
  description: string;
  consent: true;
  /** Honeypot: people leave it empty, form-filling robots do not. */
  website: string;
}

export interface ApplicationStatus {
  referenceNo: string;
  createdAt: string;
  status: string;
  statusZh: string;
}

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
      apiFetch<{ referenceNo: string }>('/api/public/applications', { method: 'POST', body: input }),
  });
}

export function useApplicationStatus() {
  return useMutation({
    mutationFn: ({ referenceNo, phone }: { referenceNo: string; phone: string }) =>
      apiFetch<ApplicationStatus>(withQuery(`/api/public/applications/${encodeURIComponent(referenceNo)}`, { phone })),
  });
}
