import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../api/client';
import type { HistoryEntry } from '../api/types';
import type { CoverageProblem, Helper, Measure } from './api';
import type { HelperVisit } from './visits-api';

/** `GET /api/households/:id/file`: 一户一档. */
export interface HouseholdFile {
  generatedOn: string;
  generatedBy: string;
  household: { id: string; householdNumber: string; type: string; regionCode: string; countyName: string; townshipName: string; villageName: string; address: string; phoneMasked: string };
  members: { name: string; relation: string; sex: string; birthYear: number; idNumberMasked: string; health: string | null; labourCapacity: string | null; schooling: string | null; migrantMonths: number | null }[];
  monitoring: {
    status: string;
    statusZh: string;
    category: string | null;
    identifiedOn: string | null;
    helperDueOn: string | null;
    eliminatedOn: string | null;
    eliminationMode: string | null;
    rolledBackOn: string | null;
    rollbackReason: string | null;
    lastVisitOn: string | null;
    nextVisitDueOn: string | null;
  } | null;
  monitoringHistory: HistoryEntry[];
  risks: { code: string; name: string; isCovered: boolean }[];
  helpers: Helper[];
  measures: (Omit<Measure, 'attachments'> & { evidence: string[] })[];
  coverage: { uncoveredRiskTypes: string[]; problems: CoverageProblem[]; isChecked: boolean } | null;
  visits: (Omit<HelperVisit, 'attachments'> & { attachments: string[] })[];
  incomes: { year: number; perCapitaIncome: number; monitoringLine: number | null; isWithinLine: boolean | null; source: 'monitoring' | 'visit'; on: string | null; ruleSetVersion: string | null }[];
  decisions: { caseId: string; caseNumber: string; kind: string; type: string; typeZh: string; summaryZh: string; toStep: string; on: string; by: string; byRole: string; ruleSetVersion: string | null; comment: string; data: Record<string, unknown> }[];
}

/** The file for the print page (the server audits it as printed). */
export function useHouseholdFile(householdId: string) {
  return useQuery({
    queryKey: ['household', householdId, 'file'],
    queryFn: ({ signal }) => apiFetch<HouseholdFile>(`/api/households/${encodeURIComponent(householdId)}/file?purpose=print`, { signal }),
    staleTime: Infinity,
  });
}
