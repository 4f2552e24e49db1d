/**
 * The facts the risk-elimination conditions read, gathered from a monitoring object's record, and
 * the system's suggestion (issue 13 item 5; docs/DOMAIN.md "Risk elimination"). Pure: the server
 * loads the record, measures and members; the workflow (`workflow/elimination.ts`) decides.
 */
import type { IsoDate } from '../calendar/dates.ts';
import type { RuleSet } from '../rulesets/rule-set.schema.ts';
import { eliminationBlockers, type EliminationBlocker, type EliminationFacts, type EliminationMode } from '../workflow/elimination.ts';
import type { MeasureStatus } from './measures.ts';

/** What the record of a monitoring object says, as of today. */
export interface EliminationEvidence {
  readonly identifiedOn: IsoDate;
  readonly riskTypes: readonly string[];
  /** The latest per-capita net income on the record (assessment, import, visit). */
  readonly perCapitaIncome: number;
  readonly hasHousingProblem: boolean;
  readonly hasWaterProblem: boolean;
  /** The record is flagged as a no-labour household kept under the safety net. */
  readonly isNoLabourSafetyNet: boolean;
  readonly members: readonly { readonly labourCapacity: string | null }[];
  /** The measures with their name (`measure`, e.g. 公益岗位) when known, to say which is undelivered. */
  readonly measures: readonly { readonly riskType: string; readonly status: MeasureStatus; readonly measure?: string }[];
}

/** What the person proposing (or the home check, or the county) states on top of the record. */
export interface EliminationStatement {
  readonly mode: EliminationMode;
  /** For `natural`: the risks the proposer confirms resolved by themselves. */
  readonly resolvedRiskTypes?: readonly string[] | undefined;
  /** A newer verified per-capita income than the record's (the home check's figure). */
  readonly perCapitaIncome?: number | undefined;
  /** The home check found 三保障 or water not secured. */
  readonly basicNeedsSecured?: boolean | undefined;
}

/** Nobody in the household can work (整户无劳动能力): stays monitored under the safety net (docs/DOMAIN.md "Households without labour"). */
export function isWholeHouseholdWithoutLabour(evidence: Pick<EliminationEvidence, 'members' | 'isNoLabourSafetyNet'>): boolean {
  if (evidence.isNoLabourSafetyNet) return true;
  return evidence.members.length > 0 && !evidence.members.some((m) => m.labourCapacity === 'full' || m.labourCapacity === 'partial');
}

/**
 * The risks that are not gone. `assisted`: a risk is resolved when a measure against it has been
 * delivered (已落实), and the blocker names the measures against it still planned or in progress
 * (`undelivered`); `natural`: when the proposer confirms it resolved by itself.
 */
export function unresolvedRisks(evidence: Pick<EliminationEvidence, 'riskTypes' | 'measures'>, statement: EliminationStatement): EliminationBlocker[] {
  return evidence.riskTypes
    .filter((code) =>
      statement.mode === 'assisted'
        ? !evidence.measures.some((m) => m.riskType === code && m.status === 'delivered')
        : !(statement.resolvedRiskTypes ?? []).includes(code),
    )
    .map((riskType): EliminationBlocker => {
      if (statement.mode !== 'assisted') return { code: 'riskNotResolved', riskType };
      const undelivered = evidence.measures.filter((m) => m.riskType === riskType && m.status !== 'delivered' && m.measure).map((m) => m.measure!);
      return undelivered.length > 0 ? { code: 'riskMeasureNotDelivered', riskType, undelivered } : { code: 'riskMeasureNotDelivered', riskType };
    });
}

/** The workflow's facts from the record and the statement. */
export function eliminationFactsOf(evidence: EliminationEvidence, statement: EliminationStatement): EliminationFacts {
  return {
    mode: statement.mode,
    identifiedOn: evidence.identifiedOn,
    measuresDelivered: evidence.measures.filter((m) => m.status === 'delivered').length,
    isWholeHouseholdWithoutLabour: isWholeHouseholdWithoutLabour(evidence),
    perCapitaNetIncome: statement.perCapitaIncome ?? evidence.perCapitaIncome,
    areBasicNeedsSecured: !evidence.hasHousingProblem && !evidence.hasWaterProblem && statement.basicNeedsSecured !== false,
    isRiskGone: unresolvedRisks(evidence, statement).length === 0,
  };
}

/**
 * Everything that stands against eliminating the risk, as codes: the workflow's blockers, with its
 * general `riskNotGone` replaced by one blocker per unresolved risk. Empty = allowed.
 */
export function eliminationConditions(evidence: EliminationEvidence, statement: EliminationStatement, ruleSet: RuleSet, today: IsoDate): { facts: EliminationFacts; blockers: EliminationBlocker[] } {
  const facts = eliminationFactsOf(evidence, statement);
  const general = eliminationBlockers(facts, ruleSet, today).filter((b) => b.code !== 'riskNotGone');
  return { facts, blockers: [...general, ...unresolvedRisks(evidence, statement)] };
}

/**
 * The system's suggestion (系统提示可消除): an `assisted` elimination when every condition holds on the
 * record alone — income above the line, 三保障 and water secured, every risk with a delivered measure,
 * monitored long enough, and someone in the household can work. A natural elimination is never
 * suggested: only a person can say a risk went away by itself.
 */
export function eliminationSuggestion(evidence: EliminationEvidence, ruleSet: RuleSet, today: IsoDate): { isSuggested: boolean; mode: EliminationMode; blockers: EliminationBlocker[] } {
  const { blockers } = eliminationConditions(evidence, { mode: 'assisted' }, ruleSet, today);
  return { isSuggested: blockers.length === 0, mode: 'assisted', blockers };
}
