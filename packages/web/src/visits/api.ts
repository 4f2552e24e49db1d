import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, uploadFile, withQuery } from '../api/client';
import type { NewVisitReport, VisitAttachment, VisitReport, VisitReportPage, VisitReviewed, VisitStatus } from '@fangpin/domain';

// Shapes of the visit-report API: the contract's types (packages/domain/src/contracts/intake.ts).
export type { NewVisitReport, VisitReport, VisitStatus };
export type Attachment = VisitAttachment;

export function useVisitReports(status: VisitStatus, enabled: boolean) {
  return useQuery({
    queryKey: ['visit-reports', status],
    queryFn: ({ signal }) =>
      apiFetch<VisitReportPage>(withQuery('/api/visit-reports', { status }), { signal }),
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
      apiFetch<VisitReviewed>(
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
