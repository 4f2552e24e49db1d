import type { Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { scopeCondition } from './scope-sql.ts';

export type HouseholdRow = {
  id: string;
  countyCode: string;
  regionCode: string;
  householdNumber: string;
  type: string;
  address: string;
  phoneEnc: Buffer | null;
  phoneIndex: Buffer | null;
  phoneMasked: string;
  version: number;
};

export type MemberRow = {
  id: string;
  householdId: string;
  countyCode: string;
  name: string;
  idEnc: Buffer;
  idIndex: Buffer;
  idMasked: string;
  phoneEnc: Buffer | null;
  phoneIndex: Buffer | null;
  phoneMasked: string;
  sex: string;
  birthDate: string;
  relation: string;
  health: string | null;
  labourCapacity: string | null;
  schooling: string | null;
  migrantMonths: number | null;
  hasMedicalInsurance: boolean | null;
  hasPensionInsurance: boolean | null;
  isDibao: boolean | null;
  isTekun: boolean | null;
  version: number;
};

export const HOUSEHOLD_COLUMNS = `h.id, h.county_code AS "countyCode", h.region_code AS "regionCode", h.household_number AS "householdNumber",
  h.type, h.address, h.phone_enc AS "phoneEnc", h.phone_index AS "phoneIndex", h.phone_masked AS "phoneMasked", h.version`;

export const MEMBER_COLUMNS = `m.id, m.household_id AS "householdId", m.county_code AS "countyCode", m.name, m.id_enc AS "idEnc",
  m.id_index AS "idIndex", m.id_masked AS "idMasked", m.phone_enc AS "phoneEnc", m.phone_index AS "phoneIndex",
  m.phone_masked AS "phoneMasked", m.sex, m.birth_date AS "birthDate", m.relation, m.health,
  m.labour_capacity AS "labourCapacity", m.schooling, m.migrant_months AS "migrantMonths",
  m.has_medical_insurance AS "hasMedicalInsurance", m.has_pension_insurance AS "hasPensionInsurance",
  m.is_dibao AS "isDibao", m.is_tekun AS "isTekun", m.version`;

export type HouseholdSearch = {
  /** One of: an ID number's blind index, a phone's blind index, a household-number prefix, a name prefix. */
  idIndex?: Buffer;
  phoneIndex?: Buffer;
  numberPrefix?: string;
  namePrefix?: string;
  type?: string;
  regionPrefix?: string;
  limit: number;
  offset: number;
};

export type HouseholdSummaryRow = {
  id: string;
  householdNumber: string;
  type: string;
  regionCode: string;
  villageName: string | null;
  townshipName: string | null;
  address: string;
  headName: string | null;
  memberCount: number;
  phoneMasked: string;
  total: number;
};

/** Households in scope matching the search, with head name, member count and place names. */
export async function searchHouseholds(tx: Tx, scope: Scope, search: HouseholdSearch): Promise<{ rows: HouseholdSummaryRow[]; total: number }> {
  const params: unknown[] = [];
  const where = [scopeCondition(scope, 'h', params)];
  if (search.regionPrefix) {
    params.push(search.regionPrefix);
    where.push(`h.region_code LIKE $${params.length} || '%'`);
  }
  if (search.type) {
    params.push(search.type);
    where.push(`h.type = $${params.length}`);
  }
  // What `q` may mean: any of these matches (an 18-digit household number can also look like an ID).
  const anyOf: string[] = [];
  if (search.idIndex) {
    params.push(search.idIndex);
    anyOf.push(`h.id IN (SELECT household_id FROM members WHERE id_index = $${params.length})`);
  }
  if (search.phoneIndex) {
    params.push(search.phoneIndex);
    anyOf.push(`h.phone_index = $${params.length} OR h.id IN (SELECT household_id FROM members WHERE phone_index = $${params.length})`);
  }
  if (search.numberPrefix) {
    params.push(search.numberPrefix);
    anyOf.push(`h.household_number LIKE $${params.length} || '%'`);
  }
  if (search.namePrefix) {
    params.push(search.namePrefix.replace(/[\\%_]/g, (c) => `\\${c}`));
    anyOf.push(`h.id IN (SELECT household_id FROM members mm WHERE mm.county_code = h.county_code AND mm.name LIKE $${params.length} || '%')`);
  }
  if (anyOf.length > 0) where.push(`(${anyOf.map((c) => `(${c})`).join(' OR ')})`);
  params.push(search.limit, search.offset);
  const { rows } = await tx.query<HouseholdSummaryRow>(
    `SELECT h.id, h.household_number AS "householdNumber", h.type, h.region_code AS "regionCode", v.name AS "villageName",
       t.name AS "townshipName", h.address, h.phone_masked AS "phoneMasked",
       (SELECT m.name FROM members m WHERE m.household_id = h.id ORDER BY (m.relation = 'head') DESC, m.birth_date LIMIT 1) AS "headName",
       (SELECT count(*) FROM members m WHERE m.household_id = h.id)::int AS "memberCount",
       count(*) OVER ()::int AS total
     FROM households h
     LEFT JOIN regions v ON v.code = h.region_code
     LEFT JOIN regions t ON t.code = substr(h.region_code, 1, 9) || '000'
     WHERE ${where.join(' AND ')}
     ORDER BY h.household_number
     LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** One household in scope (undefined when absent or outside the scope: same answer, so ids cannot be probed). */
export async function findHousehold(tx: Tx, scope: Scope, id: string, options: { forUpdate?: boolean } = {}): Promise<HouseholdRow | undefined> {
  const params: unknown[] = [id];
  const { rows } = await tx.query<HouseholdRow>(
    `SELECT ${HOUSEHOLD_COLUMNS} FROM households h WHERE h.id = $1 AND ${scopeCondition(scope, 'h', params)}${options.forUpdate ? ' FOR UPDATE' : ''}`,
    params,
  );
  return rows[0];
}

export async function findMembersOfHousehold(tx: Tx, householdId: string): Promise<MemberRow[]> {
  const { rows } = await tx.query<MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM members m WHERE m.household_id = $1
     ORDER BY (m.relation = 'head') DESC, m.birth_date, m.id`,
    [householdId],
  );
  return rows;
}

/** A member whose household is in scope, with the household's region. */
export async function findMember(tx: Tx, scope: Scope, memberId: string, options: { forUpdate?: boolean } = {}): Promise<(MemberRow & { regionCode: string }) | undefined> {
  const params: unknown[] = [memberId];
  const { rows } = await tx.query<MemberRow & { regionCode: string }>(
    `SELECT ${MEMBER_COLUMNS}, h.region_code AS "regionCode" FROM members m JOIN households h ON h.id = m.household_id
     WHERE m.id = $1 AND ${scopeCondition(scope, 'h', params)}${options.forUpdate ? ' FOR UPDATE OF m' : ''}`,
    params,
  );
  return rows[0];
}

export type HistoryRow = { id: number; at: Date; actorName: string; action: string; source: string; memberId: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null };

export async function findHistory(tx: Tx, householdId: string): Promise<HistoryRow[]> {
  const { rows } = await tx.query<HistoryRow>(
    `SELECT id, at, actor_name AS "actorName", action, source, member_id AS "memberId", before, after
     FROM registry_history WHERE household_id = $1 ORDER BY at DESC, id DESC LIMIT 500`,
    [householdId],
  );
  return rows;
}

export async function insertHistory(
  tx: Tx,
  entries: { countyCode: string; householdId: string; memberId: string | null; action: string; actorId: string | null; actorName: string; source: string; before: unknown; after: unknown }[],
): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `INSERT INTO registry_history (county_code, household_id, member_id, action, actor_id, actor_name, source, before, after)
     SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[])`,
    [
      entries.map((e) => e.countyCode),
      entries.map((e) => e.householdId),
      entries.map((e) => e.memberId),
      entries.map((e) => e.action),
      entries.map((e) => e.actorId),
      entries.map((e) => e.actorName),
      entries.map((e) => e.source),
      entries.map((e) => (e.before == null ? null : JSON.stringify(e.before))),
      entries.map((e) => (e.after == null ? null : JSON.stringify(e.after))),
    ],
  );
}
