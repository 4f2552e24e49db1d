/**
 * Shapes of the HTTP API, from the contract (packages/domain/src/contracts: registry, department,
 * admin). Nothing here is written by hand: a changed response field fails the typecheck in every
 * page that reads it. Type-only imports: no zod in the browser's first download.
 */
import type { HouseholdAssessment } from '@fangpin/domain';

export type {
  Role,
  Me,
  Abilities,
  HouseholdType,
  HouseholdSummary,
  HouseholdPage,
  HouseholdQuery,
  Page,
  RegionRef,
  Member,
  HouseholdDetail,
  HistoryChange,
  HistoryEntry,
  RegionTreeNode,
  DayLimit,
  MonitoringLineAdjustment,
  RuleSetBody,
  RuleSetSource,
  RuleSet,
  RuleSetVersionItem,
  NewRuleSetVersion,
  RuleSetPublishResult,
  SignalRule,
  DepartmentSourceField,
  DepartmentSource,
  DepartmentImportError,
  DepartmentImportResult,
  DepartmentHeaderCheck,
  ImportJob,
  ImportJobProblem,
  DepartmentSourceSettings,
  DepartmentBatch,
  WarningStatus,
  WarningTransition,
  WarningEvidenceRow,
  Warning,
  WarningCorrectionTarget,
  WarningCorrectionResult,
  WarningQuery,
  WarningTransitionResult,
  ImportRowCode,
} from '@fangpin/domain';
export type { RuleSetChangeItem as RuleSetChange, StoredRules as RuleSetOverride } from '@fangpin/domain';

/** The parts of POST /api/assessments' answer the trial card shows (advice, never a decision): the domain's assessment. */
export type TrialAssessmentResult = Pick<HouseholdAssessment, 'monitoringLine' | 'perCapitaNetIncome' | 'withinLine' | 'suggestedCategory' | 'ruleSetVersion' | 'reasons'>;
