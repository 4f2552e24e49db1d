import type { FieldCaseNow, FieldElimination, FieldSnapshotResponse, FieldVisitDue, ProblemParams, ProblemReason, RuleSet } from '@fangpin/domain';

/**
 * What `GET /api/field/snapshot` returns (packages/domain/src/contracts/field.ts); the phone uses each
 * case's rule set for the provisional assessment, so it is typed as the domain's RuleSet.
 */
type SnapshotCase = FieldSnapshotResponse['cases'][number];
export type FieldCase = SnapshotCase & { ruleSet: RuleSet };
export type FieldHousehold = FieldSnapshotResponse['households'][number];
export type FieldMember = NonNullable<SnapshotCase['household']>['members'][number];
/** `visitsDue` and `eliminations` are optional: a snapshot stored before they existed has none. */
export type FieldSnapshot = Omit<FieldSnapshotResponse, 'cases' | 'visitsDue' | 'eliminations'> & { cases: FieldCase[]; visitsDue?: FieldVisitDue[]; eliminations?: FieldElimination[] };
export type { FieldElimination, FieldVisitDue };
export type FieldUser = { id: string; username: string; displayName: string; role: string; regionCode: string };

export type CaseNow = FieldCaseNow;

/** One queued action (docs/field-app.md "Outbox"); `body` is what `POST /api/field/actions` receives. */
export type OutboxItem = {
  clientId: string;
  kind: 'visitReport' | 'helperVisit' | 'warningVerification' | 'eliminationCheck' | 'caseEvent';
  caseId: string | null;
  /** Who and what, for the list: 入户核实 · 黄小东. */
  label: string;
  body: Record<string, unknown> & { clientId: string; expected?: { step: string; version: number }; after?: string };
  status: 'waiting' | 'sent' | 'failed' | 'conflict';
  createdAt: string;
  sentAt?: string;
  /** The server's English detail (logs, and the text shown until the reason's text is loaded). */
  error?: string;
  /** Why the server refused, as data: the field app writes the text in zh-CN or English (i18n/reasons.ts). */
  reason?: ProblemReason;
  params?: ProblemParams;
  conflict?: { expected: { step: string; version: number }; current: CaseNow };
  /** The form as the user left it: restored when a failed or conflicting item goes back to editing. */
  draft?: unknown;
};
