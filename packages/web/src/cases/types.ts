// Shapes of the clues-and-cases API (docs/design/clues-and-cases-api.md). Kept here, not in
// api/types.ts, so the identification pages stay in one folder.
import type { HouseholdAssessment, IdentificationStep, MonitoringCategory } from '@fangpin/domain';

/** How the clue reached the county: hotline call, self-application, visit report or department warning. */
export type CaseChannel = 'hotline' | 'application' | 'visit' | 'warning' | (string & {});

/** Events that move (or, for `recordAssistance`, annotate) an identification case. */
export type CaseEventType =
  | 'linkHousehold'
  | 'startVerification'
  | 'recordVerification'
  | 'screenOut'
  | 'recordPropertyCheck'
  | 'recordAssessment'
  | 'rejectAfterAssessment'
  | 'recordDeliberation'
  | 'raiseObjection'
  | 'endNotice'
  | 'townshipApprove'
  | 'townshipReturn'
  | 'countyDecide'
  | 'recordCallback'
  | 'recordAssistance'
  | 'withdraw';

export interface CaseSummary {
  id: string;
  caseNumber: string;
  channel: CaseChannel;
  householdId: string | null;
  householdNumber: string | null;
  headName: string | null;
  regionCode: string;
  villageName: string | null;
  townshipName: string | null;
  step: IdentificationStep;
  stepZh: string;
  /** YYYY-MM-DD: the day the clue was found; the whole-procedure limit counts from here. */
  clueDate: string;
  stepDueOn: string | null;
  dueOn: string;
  daysLeft: number | null;
  summary?: string | null;
  riskTypes?: string[];
  isOverdue: boolean;
  /** The current step is past its own due date. */
  isStepOverdue?: boolean;
  greenChannel: boolean;
  version: number;
}

export interface CaseAttachment {
  id: string;
  purpose: 'consent' | 'minutes' | 'notice' | 'photo' | 'other' | (string & {});
  fileName: string;
  mimeType: string;
  size: number;
  uploadedBy: string | null;
  createdAt: string;
  url: string;
  /** A file of the visit report that opened the case (its photos go with it into the case). */
  origin?: { kind: 'visit'; visitReportId: string; visitedOn: string; visitorName: string };
}

export interface TimelineEntry {
  seq: number;
  type: CaseEventType | (string & {});
  typeZh: string;
  fromStep: IdentificationStep | null;
  toStep: IdentificationStep | null;
  onDate: string;
  at: string;
  actorName: string | null;
  /** The account's display name; null for the system or the public. */
  actorDisplayName?: string | null;
  actorRole: string | null;
  comment: string | null;
  data: Record<string, unknown> | null;
}

export interface CaseClock {
  clueDate: string;
  dueOn: string;
  daysUsed: number;
  daysLimit: number;
  unit: 'calendar' | 'working';
}

export interface CaseMember {
  id: string;
  name: string;
  relation: string;
  /** The birth year only (docs/personal-data.md): the server reads exact ages from the ID number. */
  birthYear: number | null;
  labourCapacity: string;
  /** null when the role's field policy withholds health. */
  health: string | null;
  schooling: string;
  idMasked: string | null;
}

export interface CaseHousehold {
  id: string;
  householdNumber: string;
  headName: string;
  type: 'formerlyPoor' | 'ordinary';
  size: number;
  members: CaseMember[];
}

/** The county's decision as stored with the case (the domain's IdentificationDecision, loosely). */
export interface CaseDecision {
  kind: 'screenedOut' | 'notRecommended' | 'approved' | 'rejected' | (string & {});
  on?: string;
  reason?: string;
  category?: MonitoringCategory | null;
  riskTypes?: string[];
  ruleSetVersion?: string;
}

/** The months whose income counts for a case: the 12 before its clue date's month. */
export interface IncomeWindow {
  fromMonth: string;
  toMonth: string;
  months: number;
  clueDate: string;
}

export interface CaseDetail extends CaseSummary {
  state: Record<string, unknown> | null;
  facts: Record<string, unknown> | null;
  decision: CaseDecision | null;
  allowedEvents: CaseEventType[];
  /** Notice length of the rule set in force, and the earliest day the running notice may end. */
  noticeDays?: number;
  noticeEndsOn?: string | null;
  timeline: TimelineEntry[];
  attachments: CaseAttachment[];
  clock: CaseClock;
  /** Absent only from a server older than issue 11. */
  incomeWindow?: IncomeWindow;
  household: CaseHousehold | null;
  assessment: HouseholdAssessment | null;
  /** For a case opened by a confirmed warning: the warning and what its verification found. */
  warning?: CaseWarning | null;
}

/** The warning behind a case (channel `warning`). */
export interface CaseWarning {
  id: string;
  riskType: string;
  message: string;
  sources: string[];
  period: string;
  status: string;
  statusReason: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
}

/** A warning waiting in the to-do: to send to its village (`dispatch`) or to verify at home (`verify`). */
export interface WarningTodo {
  id: string;
  householdId: string;
  householdNumber: string;
  headName: string | null;
  regionCode: string;
  villageName: string | null;
  riskType: string;
  message: string;
  status: 'new' | 'dispatched';
  dueOn: string | null;
  action: 'dispatch' | 'verify';
}

export interface CaseTodo {
  items: CaseSummary[];
  total: number;
  overdue: number;
  dueSoon: number;
  /** Visit reports waiting for the township's review. */
  visitReports: number;
  /** Callbacks to hotline callers that are due. */
  callbacksDue: number;
  /** New warnings to send to their villages (county centre, township). */
  warningsToDispatch: number;
  /** Dispatched warnings to verify at home (village). */
  warningsToVerify: number;
  /** The first of those warnings, soonest due first. */
  warnings: WarningTodo[];
  /** Everything together: the number on the menu badge. */
  count: number;
}

export interface CaseQuery {
  step?: IdentificationStep;
  due?: 'overdue' | 'soon';
  /** `all` includes closed and withdrawn cases (the server lists open ones by default). */
  status?: 'all';
  /** Only cases in this region (a statistics drill-down). */
  regionCode?: string;
  page: number;
  pageSize: number;
}

export interface NoticeEntry {
  headName: string;
  householdSize: number;
  groupName?: string | null;
  category: MonitoringCategory | null;
  categoryZh: string;
}

export interface CaseNotice {
  caseNumber: string;
  countyName: string;
  townshipName: string;
  villageName: string;
  startOn: string;
  endOn: string;
  days: number;
  entries: NoticeEntry[];
  contact: string;
  objectionsNote: string;
  /** The county's supervision / hotline number (县级设置); null when not set. */
  supervisionPhone?: string | null;
}
