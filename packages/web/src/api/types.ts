import type { MonitoringStatus } from '@fangpin/domain';
// Shapes of the HTTP API (docs: the lead's API contract). When `@fangpin/domain` exports the zod
// contracts, these become `z.infer<...>` re-exports.

export type Role =
  'county-admin' | 'county-monitor' | 'township-officer' | 'village-cadre' | 'helping-cadre' | 'department' | 'leader';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  roleLabel: { zh: string; en: string };
  regionCode: string;
  regionName: string;
  /** An administrator set the password: the user must choose a new one before anything else. */
  mustChangePassword?: boolean;
  abilities: {
    /** Read the registry (农户查询); department clerks do not. */
    canReadHouseholds?: boolean;
    canReveal: boolean;
    canEditHouseholds: boolean;
    canImport: boolean;
    canManageUsers: boolean;
    canManageCountySettings?: boolean;
    canReadAudit: boolean;
    /** Read the rule sets in force and their history (everyone; missing on older servers = false). */
    canReadRules?: boolean;
    /** Publish a new rule-set version for the own region (county admins). */
    canManageRules?: boolean;
    /** Open the rule-set pages (规则管理): county centre, admins and leaders. */
    canReviewRules?: boolean;
    canReadStats?: boolean;
    /** Run a (trial) system assessment. */
    canRunAssessment?: boolean;
    /** Upload department files for comparison (部门数据比对). */
    canImportDepartment?: boolean;
    /** See the department imports (导入记录) and sources (数据来源). */
    canReadDepartmentImports?: boolean;
    /** See the warnings (预警) queue of the own region. */
    canReadWarnings?: boolean;
    /** Dispatch warnings to villages for verification (下发核实). */
    canDispatchWarnings?: boolean;
    /** Record the verification result of a warning. */
    canVerifyWarnings?: boolean;
    /** Correct a recorded verification result (county centre). */
    canCorrectWarnings?: boolean;
    /** See the department rows behind a warning (查看依据): those who dispatch or verify, not leaders. */
    canReadWarningRows?: boolean;
    canRecordHotline?: boolean;
    canRecordVisits?: boolean;
    canReviewVisits?: boolean;
    canReadCases?: boolean;
    /** Work reaches this user: the 待办 menu entry with its badge, and the landing page after sign-in. */
    hasTodo?: boolean;
  };
}

/** 户类型: formerlyPoor 脱贫户, ordinary 一般农户. */
export type HouseholdType = 'formerlyPoor' | 'ordinary';

export interface HouseholdSummary {
  id: string;
  householdNumber: string;
  type: HouseholdType;
  regionCode: string;
  villageName: string;
  townshipName: string;
  address: string;
  headName: string;
  memberCount: number;
  phoneMasked: string | null;
  /** 监测状态; null when the household was never a monitoring object. */
  monitoringStatus: MonitoringStatus | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface RegionRef {
  code: string;
  name: string;
  level: string;
}

export interface Member {
  id: string;
  name: string;
  sex: 'male' | 'female';
  /** The birth year only: the full date is part of the ID number (docs/personal-data.md). */
  birthYear: number | null;
  idNumberMasked: string | null;
  relation: string;
  /** null when the role's field policy withholds health (`abilities.canSeeHealth`). */
  health: string | null;
  labourCapacity: string;
  schooling: string;
  migrantMonths: number | null;
  hasMedicalInsurance: boolean;
  hasPensionInsurance: boolean;
  isDibao: boolean;
  isTekun: boolean;
}

export interface HouseholdDetail {
  id: string;
  householdNumber: string;
  type: HouseholdType;
  regionCode: string;
  regionPath: RegionRef[];
  address: string;
  phoneMasked: string | null;
  version: number;
  members: Member[];
  /** Whether the household is a monitoring object (监测对象), and its status; null when it never was. */
  monitoring: { status: MonitoringStatus; category: string | null; riskTypes: string[]; identifiedOn: string | null } | null;
  abilities: { canReveal: boolean; canEdit: boolean; canSeeHealth: boolean };
}

export interface HistoryChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  id: string | number;
  at: string;
  /** The day the change took effect when recorded later (a county decision entered days late). */
  effectiveOn?: string | null;
  actorName: string;
  /** The account's display name; null for the system. */
  actorDisplayName?: string | null;
  action: string;
  /** `api`, `seed`, `import:<import id>` or `case:<case number>`. */
  source: string;
  /** The member the entry is about, if any (name). */
  subject?: string | null;
  memberId?: string | null;
  changes: HistoryChange[];
}

export interface RegionTreeNode extends RegionRef {
  children?: RegionTreeNode[];
}

export interface HouseholdQuery {
  q?: string;
  type?: HouseholdType;
  regionCode?: string;
  page: number;
  pageSize: number;
}

/** A time limit in calendar days or working days (official calendar with 调休). */
export interface DayLimit {
  days: number;
  unit: 'calendar' | 'working';
}

export interface MonitoringLineAdjustment {
  year: number;
  priceIndexChange: number;
  ruralIncomeGrowth: number;
  ruralDibaoStandard: number;
}

/** The rules of a resolved rule set (packages/domain/src/rulesets/rule-set.schema.ts). */
export interface RuleSetBody {
  policyEra: '2021-2025' | '2026+';
  monitoringLine: {
    /** Yuan per person per year. */
    yuanPerPersonYear: number;
    year: number;
    derivation: {
      povertyStandard: number;
      factor: number;
      adjustments: MonitoringLineAdjustment[];
      roundUpTo: number;
      note: string;
    };
  };
  incomeWindowMonths: number;
  householdSizeBasis: 'coResident' | 'registered';
  noticeDays: number;
  noticeLevel: 'village' | 'township';
  identificationLimit: DayLimit;
  stepLimits: Record<
    'homeVerification' | 'propertyCheck' | 'villageDeliberation' | 'townshipReview' | 'countyApproval' | 'callback',
    DayLimit | null
  >;
  cadreAssignmentWorkingDays: number;
  eliminationMinMonths: number;
  eliminationMinMeasures: number;
  departmentSignals: {
    medicalOutOfPocket: { general: number; formerlyPoor: number };
    educationCostPerSchoolYear: number;
    operatingIncomeDropRatio: number;
  };
  redFlags: {
    publicServant: boolean;
    vehicleKinds: string[];
    vehicleMinPurchasePrice: number | null;
    urbanCommercialHousing: boolean;
    registeredBusiness: boolean;
    hiredLabour: boolean;
    largeScaleFarming: boolean;
    includeLegalSupporters: boolean;
  };
  quality: {
    implausibleWageBelow: number;
    highIncomeFlag: { fromYear: number; perCapitaAbove: number };
    quickEliminationMonths: number;
  };
  calendar: { manualYears: Record<string, { holidays: string[]; makeUpWorkdays: string[] }> };
}

export interface RuleSetSource {
  version: string;
  regionCode: string;
  effectiveFrom: string;
}

/** The rule set in force for a region on a date: province default merged with the county override. */
export interface RuleSet extends RuleSetBody {
  /** The contributing versions joined with `+`, e.g. `gx-2026.1+leye-2021.1`. */
  version: string;
  regionCode: string;
  resolvedFor: string;
  sources: RuleSetSource[];
}

/** A partial rule set: what one stored version sets (objects partial at every level). */
export type RuleSetOverride = { [key: string]: unknown };

/** One stored version (GET /api/rule-sets/versions), newest first. */
export interface RuleSetVersionItem {
  version: string;
  regionCode: string;
  effectiveFrom: string;
  rules: RuleSetOverride;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

export interface RuleSetChange {
  /** Dotted path, e.g. `monitoringLine.yuanPerPersonYear`. */
  path: string;
  before: unknown;
  after: unknown;
}

export interface NewRuleSetVersion {
  regionCode: string;
  effectiveFrom: string;
  rules: RuleSetOverride;
  note?: string;
}

/** Answer of the preview and of publishing: the new version's name and its diff. */
export interface RuleSetPublishResult {
  version: string;
  regionCode: string;
  effectiveFrom: string;
  changes: RuleSetChange[];
  resolvedVersion: string;
}

/** The parts of POST /api/assessments' answer the trial card shows (advice, never a decision). */
export interface TrialAssessmentResult {
  monitoringLine: number;
  perCapitaNetIncome: number;
  withinLine: boolean;
  suggestedCategory: string | null;
  ruleSetVersion: string;
  reasons: { code: string; message: string }[];
}

/** How a department source's records become warnings. */
export type SignalRule = 'rollingSum' | 'perRecord' | 'yearOnYear' | 'none';

export interface DepartmentSourceField {
  field: string;
  zh: string;
  type: 'idNumber' | 'text' | 'date' | 'amount' | 'kind';
  /** Column headers recognised for this field. */
  aliases: string[];
  isRequired?: boolean;
  /** For `kind` fields: cell text → record kind. */
  kinds?: Record<string, string>;
}

/** One department that sends data for comparison (GET /api/department-sources). */
export interface DepartmentSource {
  code: string;
  zh: string;
  en: string;
  signal: SignalRule;
  dateField?: string;
  amountField?: string;
  fields: DepartmentSourceField[];
}

export interface DepartmentImportError {
  sheet: string | null;
  row: number;
  column: string;
  code: string;
  message: string;
}

/** Answer of POST /api/imports/department/:source (preview with dryRun=true, or the import). */
export interface DepartmentImportResult {
  rows: number;
  accepted: number;
  matched: number;
  unmatched: number;
  rejected: number;
  rejectedByCode: Record<string, number>;
  warnings: number;
  newWarnings: number;
  batchId: string;
  isDryRun: boolean;
  /** This exact file was imported before: nothing was changed. */
  isRepeat: boolean;
  /** The first rejected rows (at most 1000). */
  errors: DepartmentImportError[];
  /** Preview only: the file's headers, recognised or not, and required fields no header supplies. */
  headerCheck?: DepartmentHeaderCheck;
  /** Lines repeating an earlier line of the same file (the same settlement twice): counted once. */
  duplicates?: number;
  /** A list without a date column: the date every row took, from its title rows or the uploader. */
  listDate?: string | null;
  listDateFrom?: 'title' | 'uploader' | null;
}

export interface DepartmentHeaderCheck {
  sheet: string | null;
  rowNumber: number | null;
  recognised: { header: string; field: string; isMapped: boolean }[];
  unrecognised: string[];
  missingFields: { field: string; zh: string }[];
  /** Optional fields no header supplies (with nothing required missing, the unrecognised headers are simply not read). */
  missingOptionalFields?: { field: string; zh: string }[];
  /**
   * A per-record source's list without its date column: the list's date from the title rows or the
   * uploader; null while neither gives one (the page asks for it). Absent when the file has the column.
   */
  listDate?: { date: string; from: 'title' | 'uploader' } | null;
}

/** A background import (GET /api/import-jobs/:id). */
export interface ImportJob {
  id: string;
  kind: string;
  source: string | null;
  fileName: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  rowsDone: number;
  rowsTotal: number | null;
  /** While running: waiting for the county's previous import of the source, reading the rows (rowsDone counts them), matching them to the registry, or writing warnings. */
  step: 'waiting' | 'reading' | 'matching' | 'warnings' | null;
  result: DepartmentImportResult | null;
  error: string | null;
  actorName: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A county's settings for one source (GET/PUT /api/department-sources/:source/settings). */
export interface DepartmentSourceSettings {
  countyCode: string;
  source: string;
  /** Normalized file header → field. */
  headerMapping: Record<string, string>;
  monthlyRecompare: boolean;
  lastRecomparedOn: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
}

/** One stored department import (GET /api/department-batches), newest first. */
export interface DepartmentBatch {
  id: string;
  source: string;
  fileName: string;
  comparedOn: string;
  actorName: string;
  rows: number;
  accepted: number;
  matched: number;
  unmatched: number;
  rejected: number;
  rejectedByCode: Record<string, number>;
  warnings: number;
  createdAt: string;
}

/** 预警 lifecycle: new → dispatched → riskConfirmed / noRisk / alreadyMonitored. */
export type WarningStatus = 'new' | 'dispatched' | 'riskConfirmed' | 'noRisk' | 'alreadyMonitored';
export type WarningTransition = Exclude<WarningStatus, 'new'>;

/** A department row behind a warning (GET /api/warnings/:id/rows). */
export interface WarningEvidenceRow {
  source: string;
  batchId: string;
  fileName: string;
  comparedOn: string;
  sheet: string | null;
  row: number;
  memberName: string | null;
  idMasked: string | null;
  eventDate: string | null;
  /** Yuan: out-of-pocket for medical, the row's cost or income for other sources. */
  amount: number | null;
  kind: string | null;
}

export interface Warning {
  id: string;
  householdId: string;
  householdNumber: string;
  headName: string | null;
  regionCode: string;
  villageName: string | null;
  /** 风险类型 code: '01' 因病, '09' 因学… */
  riskType: string;
  /** YYYY-MM */
  period: string;
  sources: string[];
  /** zh-CN explanation written by the server. */
  message: string;
  numbers: Record<string, number>;
  ruleSetVersion: string;
  isMonitored: boolean;
  status: WarningStatus;
  statusReason: string | null;
  /** YYYY-MM-DD */
  dueOn: string | null;
  createdAt: string;
  /** The identification case a confirmed risk opened (the latest, withdrawn or not). */
  caseId?: string | null;
  caseNumber?: string | null;
  caseStep?: string | null;
}

/** A correction of a recorded verification result: another outcome, or back to verification. */
export type WarningCorrectionTarget = 'reopen' | 'riskConfirmed' | 'noRisk' | 'alreadyMonitored';

export interface WarningCorrectionResult {
  warning: Warning;
  withdrawnCase: { id: string; caseNumber: string } | null;
  openedCase: { id: string; caseNumber: string } | null;
}

export interface WarningQuery {
  source?: string;
  status?: WarningStatus;
  riskType?: string;
  regionCode?: string;
  /** YYYY-MM-DD */
  dueBefore?: string;
  /** One household's warnings (its page). */
  householdId?: string;
  page: number;
  pageSize: number;
}

export type WarningTransitionResult =
  | { id: string; ok: true; clueId?: string; caseId?: string; caseNumber?: string }
  | { id: string; ok: false; reason: 'notFound' | 'noPermission' | 'wrongStatus' | 'beforeWarning' };
