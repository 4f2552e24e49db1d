import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, uploadFile, withQuery, type UploadOptions } from './client';
import type { DepartmentSourceSettings, ImportJob } from './types';

/** Starts a background import of a department file; answers at once with the job id. */
export function startDepartmentImportJob(
  source: string,
  file: File,
  options: UploadOptions = {},
  asOf?: string,
): Promise<{ jobId: string }> {
  return uploadFile<{ jobId: string }>(
    withQuery(`/api/import-jobs/department/${encodeURIComponent(source)}`, { asOf }),
    file,
    file.name,
    options,
  );
}

/** A background import, polled every second until it is done or failed. */
export function useImportJob(jobId: string | null) {
  return useQuery({
    queryKey: ['import-jobs', jobId],
    queryFn: ({ signal }) => apiFetch<ImportJob>(`/api/import-jobs/${encodeURIComponent(jobId ?? '')}`, { signal }),
    enabled: jobId !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'done' || status === 'failed' ? false : 1000;
    },
  });
}

const settingsKey = (source: string) => ['department', 'settings', source] as const;

/** The signed-in user's county settings for a source: saved header mapping and the monthly re-comparison. */
export function useDepartmentSourceSettings(source: string | undefined, enabled = true) {
  return useQuery({
    queryKey: settingsKey(source ?? ''),
    queryFn: ({ signal }) =>
      apiFetch<DepartmentSourceSettings>(`/api/department-sources/${encodeURIComponent(source ?? '')}/settings`, {
        signal,
      }),
    enabled: enabled && !!source,
  });
}

export function useSaveDepartmentSourceSettings(source: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: { headerMapping?: Record<string, string>; monthlyRecompare?: boolean }) =>
      apiFetch<DepartmentSourceSettings>(`/api/department-sources/${encodeURIComponent(source)}/settings`, {
        method: 'PUT',
        body: patch,
      }),
    onSuccess: (data) => queryClient.setQueryData(settingsKey(source), data),
  });
}

export function useRecompareSource(source: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiFetch<{ households: number; warnings: number; newWarnings: number; recomparedOn: string }>(
        `/api/department-sources/${encodeURIComponent(source)}/recompare`,
        { method: 'POST', body: {} },
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: settingsKey(source) });
      void queryClient.invalidateQueries({ queryKey: ['warnings'] });
    },
  });
}
