import type { RuleSet } from '@fangpin/domain';

/** What `GET /api/field/snapshot` returns (packages/server/src/modules/field-sync/field-snapshot.ts). */
export type FieldMember = { id: string; name: string; relation: string; sex: string; birthYear: number; idMasked: string; labourCapacity?: string | null; health?: string | null; schooling?: string | null; migrantMonths?: number | null };
export type FieldCase = {
  id: string;
  caseNumber: string;
  step: string;
  version: number;
  regionCode: string;
  clueDate: string;
  householdId: string | null;
  villageName?: string | null;
  headName?: string | null;
  incomeWindow: { fromMonth: string; toMonth: string; months: number };
  household: { id: string; householdNumber: string; headName: string; type: string | null; size: number; members: FieldMember[] } | null;
  ruleSet: RuleSet;
};
export type FieldHousehold = { id: string; householdNumber: string; regionCode: string; headName: string; members: FieldMember[] };
export type FieldSnapshot = {
  syncedAt: string;
  today: string;
  villages: { code: string; name: string; townshipName: string | null }[];
  cases: FieldCase[];
  warnings: { id: string; householdId: string | null; riskType: string; message: string; headName?: string | null }[];
  households: FieldHousehold[];
  householdsTruncated: boolean;
  riskTypes: { code: string; zh: string; en: string }[];
};
export type FieldUser = { id: string; username: string; displayName: string; role: string; regionCode: string };

export type CaseNow = { step: string; version: number; lastEvent: { type: string; typeZh: string; on: string; by: string; comment: string; reason: string | null } | null };

/** One queued action (docs/field-app.md "Outbox"); `body` is what `POST /api/field/actions` receives. */
export type OutboxItem = {
  clientId: string;
  kind: 'visitReport' | 'caseEvent';
  caseId: string | null;
  /** Who and what, for the list: 入户核实 · 黄小东. */
  label: string;
  body: Record<string, unknown> & { clientId: string; expected?: { step: string; version: number }; after?: string };
  status: 'waiting' | 'sent' | 'failed' | 'conflict';
  createdAt: string;
  sentAt?: string;
  error?: string;
  conflict?: { expected: { step: string; version: number }; current: CaseNow };
  /** The form as the user left it: restored when a failed or conflicting item goes back to editing. */
  draft?: unknown;
};
