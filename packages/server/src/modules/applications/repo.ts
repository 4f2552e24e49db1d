import type { IdentificationState } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';

/**
 * The self-application module's SQL (自主申报). The public endpoints have no actor and no scope: they
 * read only what the public form shows (village names) and an application by its reference number
 * together with the phone it was filed with.
 */

export type PublicVillageRow = { code: string; name: string; townshipName: string | null; countyName: string | null };

const VILLAGE_SQL = `SELECT r.code, r.name, t.name AS "townshipName", c.name AS "countyName"
  FROM regions r LEFT JOIN regions t ON t.code = r.parent_code LEFT JOIN regions c ON c.county_code = r.county_code AND c.level = 'county'`;

/** The county region of a 6-digit county code (its name heads the call-record table and the village list). */
export async function findCounty(tx: Tx, countyCode: string): Promise<{ code: string; name: string } | undefined> {
  const { rows } = await tx.query<{ code: string; name: string }>(`SELECT county_code AS code, name FROM regions WHERE county_code = $1 AND level = 'county'`, [countyCode]);
  return rows[0];
}

/** The villages of a county with their townships, in code order. */
export async function findPublicVillages(tx: Tx, countyCode: string): Promise<PublicVillageRow[]> {
  const { rows } = await tx.query<PublicVillageRow>(`${VILLAGE_SQL} WHERE r.county_code = $1 AND r.level = 'village' ORDER BY r.code`, [countyCode]);
  return rows;
}

/** One village (not a township or a group) by code. */
export async function findPublicVillage(tx: Tx, code: string): Promise<PublicVillageRow | undefined> {
  const { rows } = await tx.query<PublicVillageRow>(`${VILLAGE_SQL} WHERE r.code = $1 AND r.level = 'village'`, [code]);
  return rows[0];
}

/**
 * How many applications the phone (blind index) filed in the last day. Takes a transaction-long lock
 * on the phone first, so two at once from the same phone are counted one after the other.
 */
export async function countRecentApplicationsLocked(tx: Tx, phoneIndex: Buffer): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`self-application:${phoneIndex.toString('hex')}`]);
  const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM self_applications WHERE phone_index = $1 AND created_at > now() - interval '1 day'`, [phoneIndex]);
  return rows[0]!.n;
}

export type SealedApplication = {
  referenceNo: string;
  regionCode: string;
  applicantName: string;
  phoneEnc: Buffer;
  phoneIndex: Buffer;
  phoneMasked: string;
  description: string;
  clueId: string;
};

export async function insertApplication(tx: Tx, a: SealedApplication): Promise<void> {
  await tx.query(
    `INSERT INTO self_applications (reference_no, county_code, region_code, applicant_name, phone_enc, phone_index, phone_masked, description, consent, clue_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true, $9)`,
    [a.referenceNo, a.regionCode.slice(0, 6), a.regionCode, a.applicantName, a.phoneEnc, a.phoneIndex, a.phoneMasked, a.description, a.clueId],
  );
}

/** An application by its reference number and the phone (blind index) it was filed with, with its case's step. */
export async function findApplicationProgress(
  tx: Tx,
  referenceNo: string,
  phoneIndex: Buffer,
): Promise<{ referenceNo: string; createdAt: Date; step: string | null; state: IdentificationState | null } | undefined> {
  const { rows } = await tx.query<{ referenceNo: string; createdAt: Date; step: string | null; state: IdentificationState | null }>(
    `SELECT a.reference_no AS "referenceNo", a.created_at AS "createdAt", c.step, c.state FROM self_applications a LEFT JOIN clues acl ON acl.id = a.clue_id LEFT JOIN cases c ON c.id = acl.case_id
     WHERE a.reference_no = $1 AND a.phone_index = $2`,
    [referenceNo, phoneIndex],
  );
  return rows[0];
}
