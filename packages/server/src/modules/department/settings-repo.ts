import type { DepartmentSourceCode } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import type { HeaderMapping } from './inspect-headers.ts';

/** A county's settings for one department source (department_source_settings). */
export type SourceSettings = {
  countyCode: string;
  source: DepartmentSourceCode;
  headerMapping: HeaderMapping;
  monthlyRecompare: boolean;
  lastRecomparedOn: string | null;
  updatedBy: string | null;
  updatedAt: string | null;
};

const COLUMNS = `county_code AS "countyCode", source, header_mapping AS "headerMapping", monthly_recompare AS "monthlyRecompare",
  last_recompared_on AS "lastRecomparedOn", updated_by AS "updatedBy", updated_at AS "updatedAt"`;

/** The county's settings for the source, or the defaults (no mapping, no monthly run) when none are saved. */
export async function findSourceSettings(tx: Tx, countyCode: string, source: DepartmentSourceCode): Promise<SourceSettings> {
  const { rows } = await tx.query<SourceSettings & { updatedAt: Date | null }>(`SELECT ${COLUMNS} FROM department_source_settings WHERE county_code = $1 AND source = $2`, [countyCode, source]);
  const row = rows[0];
  if (!row) return { countyCode, source, headerMapping: {}, monthlyRecompare: false, lastRecomparedOn: null, updatedBy: null, updatedAt: null };
  return { ...row, updatedAt: row.updatedAt ? new Date(row.updatedAt).toISOString() : null };
}

/** Every saved setting of the county (one per source that has any). */
export async function listSourceSettings(tx: Tx, countyCode: string): Promise<SourceSettings[]> {
  const { rows } = await tx.query<SourceSettings & { updatedAt: Date | null }>(`SELECT ${COLUMNS} FROM department_source_settings WHERE county_code = $1 ORDER BY source`, [countyCode]);
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt ? new Date(r.updatedAt).toISOString() : null }));
}

export async function saveSourceSettings(
  tx: Tx,
  countyCode: string,
  source: DepartmentSourceCode,
  patch: { headerMapping?: HeaderMapping; monthlyRecompare?: boolean },
  updatedBy: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO department_source_settings (county_code, source, header_mapping, monthly_recompare, updated_by, updated_at)
     VALUES ($1, $2, COALESCE($3::jsonb, '{}'::jsonb), COALESCE($4::boolean, false), $5, now())
     ON CONFLICT (county_code, source) DO UPDATE SET
       header_mapping = COALESCE($3::jsonb, department_source_settings.header_mapping),
       monthly_recompare = COALESCE($4::boolean, department_source_settings.monthly_recompare),
       updated_by = $5, updated_at = now()`,
    [countyCode, source, patch.headerMapping ? JSON.stringify(patch.headerMapping) : null, patch.monthlyRecompare ?? null, updatedBy],
  );
}

export async function markRecompared(tx: Tx, countyCode: string, source: DepartmentSourceCode, on: string, by: string): Promise<void> {
  await tx.query(
    `INSERT INTO department_source_settings (county_code, source, last_recompared_on, updated_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (county_code, source) DO UPDATE SET last_recompared_on = $3`,
    [countyCode, source, on, by],
  );
}

/** System-wide (jobs only): the county/source pairs whose rules re-run monthly. */
export async function unscopedFindMonthlyRecompares(tx: Tx): Promise<{ countyCode: string; source: DepartmentSourceCode }[]> {
  const { rows } = await tx.query<{ countyCode: string; source: DepartmentSourceCode }>(
    `SELECT county_code AS "countyCode", source FROM department_source_settings WHERE monthly_recompare ORDER BY county_code, source`,
  );
  return rows;
}
