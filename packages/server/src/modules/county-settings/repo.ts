import type { Tx } from '../../db/client.ts';

/** A county's own settings (county_settings); the defaults when none are saved. */
export type CountySettings = {
  countyCode: string;
  /** 监督举报电话: printed on the public notice (公示) and the self-application QR poster; null when not set. */
  supervisionPhone: string | null;
  updatedBy: string | null;
  updatedByDisplayName: string | null;
  updatedAt: string | null;
};

export async function findCountySettings(tx: Tx, countyCode: string): Promise<CountySettings> {
  const { rows } = await tx.query<{ supervisionPhone: string | null; updatedBy: string; updatedByDisplayName: string | null; updatedAt: Date }>(
    `SELECT s.supervision_phone AS "supervisionPhone", s.updated_by AS "updatedBy", u.display_name AS "updatedByDisplayName", s.updated_at AS "updatedAt"
     FROM county_settings s LEFT JOIN users u ON u.username = s.updated_by WHERE s.county_code = $1`,
    [countyCode],
  );
  const row = rows[0];
  if (!row) return { countyCode, supervisionPhone: null, updatedBy: null, updatedByDisplayName: null, updatedAt: null };
  return { countyCode, supervisionPhone: row.supervisionPhone, updatedBy: row.updatedBy, updatedByDisplayName: row.updatedByDisplayName, updatedAt: new Date(row.updatedAt).toISOString() };
}

/** The supervision number of a county, for what is printed (null when not set). */
export async function findSupervisionPhone(tx: Tx, countyCode: string): Promise<string | null> {
  return (await findCountySettings(tx, countyCode)).supervisionPhone;
}

export async function saveCountySettings(tx: Tx, countyCode: string, patch: { supervisionPhone: string | null }, updatedBy: string): Promise<void> {
  await tx.query(
    `INSERT INTO county_settings (county_code, supervision_phone, updated_by, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (county_code) DO UPDATE SET supervision_phone = EXCLUDED.supervision_phone, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [countyCode, patch.supervisionPhone, updatedBy],
  );
}
