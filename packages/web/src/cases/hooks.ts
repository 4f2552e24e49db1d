import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiErrorOf, apiFetch, networkError, withQuery } from '../api/client';
import type {
  AttachmentPurpose,
  CaseDraft,
  CaseDraftResult,
  CaseAttachment,
  CaseDetail,
  CaseEventType,
  CaseList,
  CaseNotice,
  CaseQuery,
  CaseTodo,
} from './types';

export const caseKeys = {
  all: ['cases'] as const,
  list: (query: CaseQuery) => ['cases', 'list', query] as const,
  todo: ['cases', 'todo'] as const,
  detail: (id: string) => ['cases', 'detail', id] as const,
  notice: (id: string) => ['cases', 'notice', id] as const,
  draft: (id: string) => ['cases', 'draft', id] as const,
};

const casePath = (id: string) => `/api/cases/${encodeURIComponent(id)}`;

/**
 * The system assessment on the facts gathered so far, as the server computes it for the case at its
 * assessment step (`assessment` with `assessmentIsPreview`): the server reads the members' exact ages
 * from their ID numbers, which the browser never has. Nothing is stored.
 */
export function useAssessmentPreview(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const detail = await apiFetch<CaseDetail>(casePath(caseId));
      queryClient.setQueryData(caseKeys.detail(caseId), detail);
      if (!detail.assessment) throw new ApiError(409, { code: 'CONFLICT', detail: 'The case is no longer at its assessment step' });
      return detail.assessment;
    },
  });
}

export function useCases(query: CaseQuery) {
  return useQuery({
    queryKey: caseKeys.list(query),
    queryFn: ({ signal }) =>
      apiFetch<CaseList>(
        withQuery('/api/cases', {
          step: query.step,
          due: query.due,
          status: query.status,
          regionCode: query.regionCode,
          page: query.page,
          pageSize: query.pageSize,
        }),
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

/**
 * What reaches the signed-in actor (待办): cases at a step it acts in, warnings to dispatch or verify,
 * visit reports and callbacks waiting. The menu badge reads it too, so it refreshes every minute and
 * whenever the window regains focus; opening 待办 always asks again (work that arrived meanwhile, e.g.
 * the warnings of an import just finished, must show at once, not after the cache's 30 s);
 * `enabled` is false for roles without a to-do.
 */
export function useCaseTodo(enabled = true) {
  return useQuery({
    queryKey: caseKeys.todo,
    queryFn: ({ signal }) => apiFetch<CaseTodo>('/api/cases/todo', { signal }),
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    refetchOnMount: 'always',
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<CaseDetail>(casePath(id), { signal }),
  });
}

export function useCaseNotice(id: string) {
  return useQuery({
    queryKey: caseKeys.notice(id),
    queryFn: ({ signal }) => apiFetch<CaseNotice>(`${casePath(id)}/notice`, { signal }),
    retry: false,
  });
}

/**
 * An event as the action panel sends it: the contract's body (`CaseEventBody`, a union on `type`)
 * with the form's data left open until each action form posts its own type (cases/actions/).
 */
export interface CaseEventInput {
  type: CaseEventType;
  /** The version of the case the actor saw: a stale one answers 409 (someone else acted first). */
  version: number;
  data?: Record<string, unknown>;
  comment?: string;
  occurredOn?: string;
}

/** Records one event; the answer is the case as it is now, which replaces the cached one. */
export function usePostCaseEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CaseEventInput) =>
      apiFetch<CaseDetail>(`${casePath(id)}/events`, { method: 'POST', body: input }),
    onSuccess: (detail) => {
      queryClient.setQueryData(caseKeys.detail(id), detail);
      void queryClient.invalidateQueries({ queryKey: ['cases', 'list'] });
      void queryClient.invalidateQueries({ queryKey: caseKeys.todo });
      void queryClient.invalidateQueries({ queryKey: caseKeys.notice(id) });
    },
  });
}

export type { AttachmentPurpose };

/**
 * Uploads one file to a case (multipart: `purpose` first, then `file`, so a streaming server reads
 * the purpose before the file). Errors become {@link ApiError}s like every other call.
 */
export async function uploadCaseAttachment(id: string, purpose: AttachmentPurpose, file: File): Promise<CaseAttachment> {
  const form = new FormData();
  form.append('purpose', purpose);
  form.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(`${casePath(id)}/attachments`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json, application/problem+json' },
      body: form,
    });
  } catch (error) {
    throw networkError(error);
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    throw apiErrorOf(response.status, data);
  }
  return data as CaseAttachment;
}

/** The draft (草稿) of the home check kept on the server (docs/personal-data.md "Drafts"). */
const draftPath = (id: string) => `${casePath(id)}/drafts/recordVerification`;

/** The saved draft of the case's home check, or `{ draft: null }`; read once when the form opens. */
export function useCaseDraft(id: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.draft(id),
    queryFn: ({ signal }) => apiFetch<CaseDraftResult>(draftPath(id), { signal }),
    enabled,
    staleTime: Infinity,
    refetchOnMount: 'always',
    retry: false,
  });
}

/** Saves (replaces) the draft: the form's values as typed and the step the cadre is on. */
export function useSaveCaseDraft(id: string) {
  return useMutation({
    mutationFn: (input: { formStep: number; values: Record<string, unknown> }) => apiFetch<CaseDraft>(draftPath(id), { method: 'PUT', body: input }),
  });
}

/** Discards the draft (start over). */
export function useDiscardCaseDraft(id: string) {
  return useMutation({ mutationFn: () => apiFetch<void>(draftPath(id), { method: 'DELETE' }) });
}

/**
 * Saves the draft while the page goes away (closed tab, app switched, phone locked): a `keepalive`
 * request outlives the page. Best effort: a failure here cannot be shown to anyone.
 */
export function saveCaseDraftOnLeave(id: string, input: { formStep: number; values: Record<string, unknown> }): void {
  void fetch(draftPath(id), {
    method: 'PUT',
    keepalive: true,
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
    body: JSON.stringify(input),
  }).catch(() => undefined);
}
