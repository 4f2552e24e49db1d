import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EliminationStep } from '@fangpin/domain';
import { apiFetch } from '../api/client';

/** `GET /api/households/:id/elimination-check`: the system's suggestion and every blocker (zh-CN, the rule's words). */
export interface EliminationCheck {
  householdId: string;
  isMonitored: boolean;
  isSuggested: boolean;
  mode: 'assisted';
  blockers: string[];
  monitoringLine?: number;
  perCapitaIncome?: number;
  openCase: { id: string; caseNumber: string } | null;
  mayPropose: boolean;
}

export interface EliminationSummary {
  id: string;
  caseNumber: string;
  step: EliminationStep;
  stepZh: string;
  proposedOn: string;
  mode: 'assisted' | 'natural';
  stepDueOn: string | null;
}

export type EliminationEventType =
  | 'startVerification'
  | 'recordVerification'
  | 'recordDeliberation'
  | 'raiseObjection'
  | 'endNotice'
  | 'townshipApprove'
  | 'townshipReturn'
  | 'countyDecide'
  | 'withdraw';

/** `GET /api/eliminations/:id`. */
export interface EliminationDetail {
  id: string;
  caseNumber: string;
  householdId: string;
  householdNumber: string;
  headName: string;
  villageName: string;
  townshipName: string;
  regionCode: string;
  step: EliminationStep;
  stepZh: string;
  mode: 'assisted' | 'natural';
  version: number;
  proposedOn: string;
  stepEnteredOn: string;
  stepDueOn: string | null;
  noticeStartedOn: string | null;
  noticeEndsOn: string | null;
  eliminatedOn: string | null;
  ruleSetVersion: string | null;
  facts: {
    proposal: { mode: 'assisted' | 'natural'; reason: string; resolvedRiskTypes: string[]; perCapitaIncome: number; by: string; on: string };
    verification?: { perCapitaIncome: number; basicNeedsSecured: boolean; notes: string; on: string; by: string };
    deliberation?: { result: 'recommend' | 'notRecommend'; attendees: number; minutes: string; reason?: string; on: string };
    objections?: { note: string; on: string; by: string }[];
    decision?: { decision: 'eliminate' | 'reject'; outcome: 'stable' | 'tracking' | null; reason: string | null; on: string; by: string };
    rollback?: { reason: string; on: string; by: string };
  };
  timeline: { seq: number; type: string; typeZh: string; toStep: string; toStepZh: string; onDate: string; actorName: string; actorRole: string; comment: string; ruleSetVersion: string | null }[];
  availableEvents: EliminationEventType[];
  mayRollBack: boolean;
}

const enc = encodeURIComponent;

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

function useInvalidate() {
  const queryClient = useQueryClient();
  return async (householdId: string, id?: string) => {
    await queryClient.invalidateQueries({ queryKey: ['household', householdId] });
    await queryClient.invalidateQueries({ queryKey: ['monitoring-objects'] });
    if (id) await queryClient.invalidateQueries({ queryKey: ['elimination', id] });
  };
}

export interface ProposalInput {
  mode: 'assisted' | 'natural';
  reason: string;
  resolvedRiskTypes?: string[];
  occurredOn?: string;
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
    mutationFn: (input: { type: EliminationEventType; data?: Record<string, unknown>; comment?: string; occurredOn?: string }) =>
      apiFetch<EliminationDetail>(`/api/eliminations/${enc(detail.id)}/events`, { method: 'POST', body: { ...input, version: detail.version } }),
    onSuccess: (next) => queryClient.setQueryData(['elimination', detail.id], next),
    onSettled: () => invalidate(detail.householdId, detail.id),
  });
}

export function useRollBackElimination(householdId: string, eliminationId?: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: { reason: string; occurredOn?: string }) => apiFetch<{ householdId: string }>(`/api/households/${enc(householdId)}/elimination-rollback`, { method: 'POST', body: input }),
    onSettled: () => invalidate(householdId, eliminationId),
  });
}
