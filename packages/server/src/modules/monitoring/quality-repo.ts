/**
 * The SQL of the national data-quality checks (docs/DOMAIN.md "Data-quality checks"): which counties
 * have monitoring facts, which income years they hold, and the households read page by page.
 * run-quality-check.ts checks; this file only reads.
 */
import type { LabourCapacity, Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import type { ImportedMonitoringRecord } from './repo.ts';

/** A household with monitoring facts as the checks read it. */
export type QualityRow = Omit<ImportedMonitoringRecord, 'category' | 'incomeYear' | 'eliminationMode'> & {
  id: string;
  householdNumber: string;
  regionCode: string;
  village: string | null;
  eliminationMode: 'assisted' | 'natural' | null;
  enjoysDibao: boolean;
  enjoysTekun: boolean;
  labour: (LabourCapacity | null)[];
};

/** The counties of the scope whose households carry monitoring facts, in code order. */
export async function findCountiesWithMonitoring(tx: Tx, scope: Scope): Promise<string[]> {
  const { rows } = await tx.query<{ countyCode: string }>(
    `SELECT DISTINCT h.county_code AS "countyCode" FROM household_monitoring m JOIN households h ON h.id = m.household_id
     WHERE h.region_code LIKE $1 || '%' AND (cardinality($2::varchar[]) = 0 OR h.county_code = ANY($2::varchar[])) ORDER BY 1`,
    [scope.regionPrefix, scope.countyCodes],
  );
  return rows.map((r) => r.countyCode);
}

/** The income and elimination years present in the county's monitoring records. */
export async function findMonitoringYears(tx: Tx, countyCode: string): Promise<number[]> {
  const { rows } = await tx.query<{ year: number }>(
    `SELECT DISTINCT y.year FROM household_monitoring m,
       LATERAL (SELECT m.income_year::int AS year UNION SELECT extract(year FROM m.eliminated_on)::int WHERE m.eliminated_on IS NOT NULL) y
     WHERE m.county_code = $1`,
    [countyCode],
  );
  return rows.map((r) => r.year);
}

/** One page (by household id, after `after`) of the scope's households with monitoring facts. */
export async function findQualityPage(tx: Tx, scope: Scope, after: string, limit: number): Promise<QualityRow[]> {
  const { rows } = await tx.query<QualityRow>(
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
     GROUP BY h.id, v.name, m.household_id ORDER BY h.id LIMIT ${Number(limit)}`,
    [scope.regionPrefix, scope.countyCodes, after],
  );
  return rows.map((r) => ({ ...r, labour: r.labour ?? [] }));
}
