import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, uploadFile, withQuery } from '../api/client';

/** 走访记录 status: submitted (待审核) → forwarded (已转县, a clue) or dismissed (不予转交). */
export type VisitStatus = 'submitted' | 'forwarded' | 'dismissed';

export interface Attachment {
  id: string;
  purpose: string;
  fileName: string;
  mimeType: string;
  size: number;
  uploadedBy: string;
  createdAt: string;
  url: string;
}

export interface VisitReport {
  id: string;
  clientId: string | null;
  regionCode: string;
  villageName: string | null;
  householdId: string | null;
  householdNumber: string | null;
  headName: string | null;
  /** YYYY-MM-DD */
  visitedOn: string;
  visitorName: string | null;
  observed: string;
  riskTypes: string[];
  status: VisitStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  clueId: string | null;
  caseId: string | null;
  attachments: Attachment[];
}

export interface NewVisitReport {
  clientId: string;
  householdId: string | null;
  regionCode: string;
  visitedOn: string;
  observed: string;
  riskTypes: string[];
}

export function useVisitReports(status: VisitStatus, enabled: boolean) {
  return useQuery({
    queryKey: ['visit-reports', status],
    queryFn: ({ signal }) =>
      apiFetch<{ items: VisitReport[]; total: number }>(withQuery('/api/visit-reports', { status }), { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** Re-sending the same `clientId` returns the stored report, so a retry never files twice. */
export function createVisitReport(input: NewVisitReport): Promise<VisitReport> {
  return apiFetch<VisitReport>('/api/visit-reports', { method: 'POST', body: input });
}

export function uploadVisitAttachment(reportId: string, file: File): Promise<Attachment> {
  return uploadFile<Attachment>(`/api/visit-reports/${encodeURIComponent(reportId)}/attachments`, file, file.name);
}

export function useReviewVisit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, note }: { id: string; action: 'forward' | 'dismiss'; note?: string }) =>
      apiFetch<{ report: VisitReport; clueId?: string; caseId?: string }>(
        `/api/visit-reports/${encodeURIComponent(id)}/${action}`,
        { method: 'POST', body: note ? { note } : {} },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['visit-reports'] }),
  });
}

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const ACCEPTED_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']);
export const ACCEPT_ATTRIBUTE = '.jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf';

/** Why a file cannot be attached (the server accepts JPEG, PNG, WebP and PDF up to 10 MB), or null. */
export function attachmentProblem(file: { name: string; type: string; size: number }): 'tooLarge' | 'wrongType' | null {
  const byName = /\.(jpe?g|png|webp|pdf)$/i.test(file.name);
  if (!ACCEPTED_TYPES.has(file.type) && !(file.type === '' && byName)) return 'wrongType';
  if (file.size > MAX_ATTACHMENT_BYTES) return 'tooLarge';
  return null;
}
