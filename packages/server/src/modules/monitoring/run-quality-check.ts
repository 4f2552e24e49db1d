import { QUALITY_CHECKS, runQualityChecks, type QualityHousehold, type QualityReport, type Scope } from '@fangpin/domain';
import { AppError } from '../../errors.ts';
import type pg from 'pg';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { findCountiesWithMonitoring, findMonitoringYears, findQualityPage, type QualityRow } from './quality-repo.ts';

export type RegistryQualityReport = QualityReport & {
  /** Household numbers and villages of the offending households, for people to act on. */
  households: Record<string, { householdNumber: string; village: string }>;
  /** The rule set whose thresholds were used, per county. */
  ruleSetVersions: Record<string, string>;
};

/**
 * The eight national data-quality checks (docs/DOMAIN.md "Data-quality checks") over the households in scope that carry
 * monitoring facts, county by county with each county's thresholds (rule set in force today) and
 * each year's monitoring line (rule set in force at the end of that year). Households are read and
 * checked in pages of 2,000, so memory stays flat however large the registry.
 */
export async function runRegistryQualityCheck(pool: pg.Pool, scope: Scope, options: { today: string }): Promise<RegistryQualityReport> {
  const total: Mutable<QualityReport> = {
    householdsChecked: 0,
    householdsWithFindings: 0,
    checks: QUALITY_CHECKS.map((c) => ({ check: c.name, title: c.title, count: 0, householdIds: [] })),
    findings: [],
  };
  const households: RegistryQualityReport['households'] = {};
  const ruleSetVersions: Record<string, string> = {};
  const counties = await findCountiesWithMonitoring(pool, scope);
  for (const countyCode of counties) {
    const ruleSet = await ruleSetInForce(pool, countyCode, options.today);
    ruleSetVersions[countyCode] = ruleSet.version;
    const lines = await monitoringLinesByYear(pool, countyCode, options.today);
    const context = { thresholds: ruleSet.quality, monitoringLineFor: (_regionCode: string, year: number) => lines.get(year) };
    let page: { household: QualityHousehold; info: { householdNumber: string; village: string } }[] = [];
    const flush = () => {
      const part = runQualityChecks(page.map((p) => p.household), context);
      const infoById = new Map(page.map((p) => [p.household.id, p.info]));
      for (const f of part.findings) households[f.householdId] = infoById.get(f.householdId)!;
      mergeInto(total, part);
      page = [];
    };
    const countyScope: Scope = { regionPrefix: scope.regionPrefix.length > 6 ? scope.regionPrefix : countyCode, countyCodes: [countyCode] };
    for await (const r of readPages(pool, countyScope)) {
      page.push({ household: toQualityHousehold(r), info: { householdNumber: r.householdNumber, village: r.village ?? '' } });
      if (page.length >= 2000) flush();
    }
    flush();
  }
  return { ...total, households, ruleSetVersions };
}

/**
 * The monitoring line of each income/elimination year present in the county. A year no rule set
 * covers gives no line; the one check that needs it (assisted elimination below the line) skips it.
 */
async function monitoringLinesByYear(pool: pg.Pool, countyCode: string, today: string): Promise<Map<number, number | undefined>> {
  const years = await findMonitoringYears(pool, countyCode);
  const lines = new Map<number, number | undefined>();
  for (const year of years) {
    const date = `${year}-12-31` > today ? today : `${year}-12-31`;
    try {
      lines.set(year, (await ruleSetInForce(pool, countyCode, date)).monitoringLine.yuanPerPersonYear);
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'RULE_SET_UNAVAILABLE')) throw error;
      lines.set(year, undefined);
    }
  }
  return lines;
}

function toQualityHousehold(r: QualityRow): QualityHousehold {
  return {
    id: r.id,
    regionCode: r.regionCode,
    riskTypes: r.riskTypes,
    identifiedOn: r.identifiedOn,
    perCapitaNetIncome: r.perCapitaIncome,
    perCapitaNetIncomeAfterElimination: r.perCapitaIncomeAfterElimination ?? undefined,
    wageIncome: r.wageIncome,
    transferIncome: r.transferIncome,
    compliantOutOfPocket: r.compliantOutOfPocket,
    enjoys: { dibao: r.enjoysDibao, tekun: r.enjoysTekun, disabilityAllowance: r.hasDisabilityAllowance },
    problems: { housingSafety: r.hasHousingProblem, drinkingWater: r.hasWaterProblem },
    elimination: r.eliminationMode && r.eliminatedOn ? { mode: r.eliminationMode, date: r.eliminatedOn } : null,
    members: r.labour.map((l) => ({ labourCapacity: l ?? 'notApplicable' })),
    isNoLabourSafetyNetHousehold: r.isNoLabourSafetyNet,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function mergeInto(total: Mutable<QualityReport>, part: QualityReport): void {
  total.householdsChecked += part.householdsChecked;
  total.householdsWithFindings += part.householdsWithFindings;
  total.checks = part.checks.map((c) => {
    const before = total.checks.find((t) => t.check === c.check);
    return { ...c, count: (before?.count ?? 0) + c.count, householdIds: [...(before?.householdIds ?? []), ...c.householdIds] };
  });
  total.findings = [...total.findings, ...part.findings];
}

async function* readPages(pool: pg.Pool, scope: Scope): AsyncGenerator<QualityRow> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows = await findQualityPage(pool, scope, after, 2000);
    yield* rows;
    if (rows.length < 2000) return;
    after = rows[rows.length - 1]!.id;
  }
}
