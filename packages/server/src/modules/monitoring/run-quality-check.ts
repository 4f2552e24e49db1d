import { QUALITY_CHECKS, runQualityChecks, type LabourCapacity, type QualityHousehold, type QualityReport, type Scope } from '@fangpin/domain';
import { AppError } from '../../errors.ts';
import type pg from 'pg';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';

export type RegistryQualityReport = QualityReport & {
  /** Household numbers and villages of the offending households, for people to act on. */
  households: Record<string, { householdNumber: string; village: string }>;
  /** The rule set whose thresholds were used, per county. */
  ruleSetVersions: Record<string, string>;
};

type Row = {
  id: string;
  householdNumber: string;
  regionCode: string;
  village: string | null;
  riskTypes: string[];
  identifiedOn: string | null;
  perCapitaIncome: number;
  wageIncome: number;
  transferIncome: number;
  compliantOutOfPocket: number;
  hasDisabilityAllowance: boolean;
  hasHousingProblem: boolean;
  hasWaterProblem: boolean;
  eliminationMode: 'assisted' | 'natural' | null;
  eliminatedOn: string | null;
  perCapitaIncomeAfterElimination: number | null;
  isNoLabourSafetyNet: boolean;
  enjoysDibao: boolean;
  enjoysTekun: boolean;
  labour: (LabourCapacity | null)[];
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
  const { rows: counties } = await pool.query<{ countyCode: string }>(
    `SELECT DISTINCT h.county_code AS "countyCode" FROM household_monitoring m JOIN households h ON h.id = m.household_id
     WHERE h.region_code LIKE $1 || '%' AND (cardinality($2::varchar[]) = 0 OR h.county_code = ANY($2::varchar[])) ORDER BY 1`,
    [scope.regionPrefix, scope.countyCodes],
  );
  for (const { countyCode } of counties) {
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
  const { rows } = await pool.query<{ year: number }>(
    `SELECT DISTINCT y.year FROM household_monitoring m,
       LATERAL (SELECT m.income_year::int AS year UNION SELECT extract(year FROM m.eliminated_on)::int WHERE m.eliminated_on IS NOT NULL) y
     WHERE m.county_code = $1`,
    [countyCode],
  );
  const lines = new Map<number, number | undefined>();
  for (const { year } of rows) {
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

function toQualityHousehold(r: Row): QualityHousehold {
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

async function* readPages(pool: pg.Pool, scope: Scope): AsyncGenerator<Row> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await pool.query<Row>(
      `SELECT h.id, h.household_number AS "householdNumber", h.region_code AS "regionCode", v.name AS village, m.risk_types AS "riskTypes",
         m.identified_on AS "identifiedOn", m.per_capita_income AS "perCapitaIncome", m.wage_income AS "wageIncome", m.transfer_income AS "transferIncome",
         m.compliant_out_of_pocket AS "compliantOutOfPocket", m.has_disability_allowance AS "hasDisabilityAllowance", m.has_housing_problem AS "hasHousingProblem",
         m.has_water_problem AS "hasWaterProblem", m.elimination_mode AS "eliminationMode", m.eliminated_on AS "eliminatedOn",
         m.per_capita_income_after_elimination AS "perCapitaIncomeAfterElimination", m.is_no_labour_safety_net AS "isNoLabourSafetyNet",
         coalesce(bool_or(mb.is_dibao), false) AS "enjoysDibao", coalesce(bool_or(mb.is_tekun), false) AS "enjoysTekun",
         array_agg(mb.labour_capacity) FILTER (WHERE mb.id IS NOT NULL) AS labour
       FROM household_monitoring m JOIN households h ON h.id = m.household_id
       LEFT JOIN regions v ON v.code = h.region_code LEFT JOIN members mb ON mb.household_id = h.id
       WHERE h.region_code LIKE $1 || '%' AND (cardinality($2::varchar[]) = 0 OR h.county_code = ANY($2::varchar[])) AND h.id > $3
       GROUP BY h.id, v.name, m.household_id ORDER BY h.id LIMIT 2000`,
      [scope.regionPrefix, scope.countyCodes, after],
    );
    for (const r of rows) yield { ...r, labour: r.labour ?? [] };
    if (rows.length < 2000) return;
    after = rows[rows.length - 1]!.id;
  }
}
