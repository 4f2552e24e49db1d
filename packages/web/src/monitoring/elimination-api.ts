import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RolledBack, EliminationCheck, EliminationDetail, EliminationEventInput, EliminationNotice, EliminationSummary, ProposalInput } from '@fangpin/domain';
import { apiFetch } from '../api/client';

/** The shapes of risk elimination (packages/domain/src/contracts/monitoring.ts). */
export type { EliminationBlocker, EliminationCheck, EliminationDetail, EliminationEventType, EliminationSummary, ProposalInput } from '@fangpin/domain';

const enc = encodeURIComponent;

/** Omit over each member of a union (the event union keeps `type` → its `data`). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event as the page sends it: the contract's `type` → `data` union; the version is the one the page shows. */
export type EliminationEventSend = DistributiveOmit<EliminationEventInput, 'version'>;

export function useEliminationCheck(householdId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['household', householdId, 'elimination-check'],
    queryFn: ({ signal }) => apiFetch<EliminationCheck>(`/api/households/${enc(householdId)}/elimination-check`, { signal }),
    enabled,
  });
}

export function useEliminationsOfHousehold(householdId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['household', householdId, 'eliminations'],
    queryFn: ({ signal }) => apiFetch<{ items: EliminationSummary[] }>(`/api/households/${enc(householdId)}/eliminations`, { signal }),
    enabled,
  });
}

export function useElimination(id: string) {
  return useQuery({
    queryKey: ['elimination', id],
    queryFn: ({ signal }) => apiFetch<EliminationDetail>(`/api/eliminations/${enc(id)}`, { signal }),
  });
}

/** The elimination's public notice (公示) to print; 422 notInNotice before its notice starts. */
export function useEliminationNotice(id: string) {
  return useQuery({
    queryKey: ['elimination', id, 'notice'],
    queryFn: ({ signal }) => apiFetch<EliminationNotice>(`/api/eliminations/${enc(id)}/notice`, { signal }),
    retry: false,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return async (householdId: string, id?: string) => {
    await queryClient.invalidateQueries({ queryKey: ['household', householdId] });
    await queryClient.invalidateQueries({ queryKey: ['monitoring-objects'] });
    if (id) await queryClient.invalidateQueries({ queryKey: ['elimination', id] });
  };
}

export function useProposeElimination(householdId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: ProposalInput) => apiFetch<{ id: string; caseNumber: string }>(`/api/households/${enc(householdId)}/eliminations`, { method: 'POST', body: input }),
    onSettled: () => invalidate(householdId),
  });
}

export function useAdvanceElimination(detail: EliminationDetail) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: EliminationEventSend) =>
      apiFetch<EliminationDetail>(`/api/eliminations/${enc(detail.id)}/events`, { method: 'POST', body: { ...input, version: detail.version } }),
    onSuccess: (next) => queryClient.setQueryData(['elimination', detail.id], next),
    onSettled: () => invalidate(detail.householdId, detail.id),
  });
}

export function useRollBackElimination(householdId: string, eliminationId?: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: { reason: string; occurredOn?: string }) => apiFetch<RolledBack>(`/api/households/${enc(householdId)}/elimination-rollback`, { method: 'POST', body: input }),
    onSettled: () => invalidate(householdId, eliminationId),
  });
}
