import type { HouseholdType, Scope } from '@fangpin/domain';
import { readAll, type Tx } from '../../db/client.ts';
import { scopeCondition } from './scope-sql.ts';

export type HouseholdRow = {
  id: string;
  countyCode: string;
  regionCode: string;
  householdNumber: string;
  type: HouseholdType;
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
  /** The birth year (the full date is only inside the encrypted ID number). */
  birthYear: number;
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
  m.phone_masked AS "phoneMasked", m.sex, m.birth_year AS "birthYear", m.relation, m.health,
  m.labour_capacity AS "labourCapacity", m.schooling, m.migrant_months AS "migrantMonths",
  m.has_medical_insurance AS "hasMedicalInsurance", m.has_pension_insurance AS "hasPensionInsurance",
  m.is_dibao AS "isDibao", m.is_tekun AS "isTekun", m.version`;

export type HouseholdSearch = {
  /** One of: an ID number's blind index, a phone's blind index, a household-number prefix, a name prefix. */
  idIndex?: Buffer;
  phoneIndex?: Buffer;
  numberPrefix?: string;
  namePrefix?: string;
  /** Villages / groups whose households match (the place `q` names: 马庄村, 逻西乡). */
  regionCodes?: string[];
  type?: string;
  regionPrefix?: string;
  limit: number;
  offset: number;
};

export type HouseholdSummaryRow = {
  id: string;
  householdNumber: string;
  type: HouseholdType;
  regionCode: string;
  villageName: string | null;
  townshipName: string | null;
  address: string;
  headName: string | null;
  memberCount: number;
  phoneMasked: string;
  total: number;
};

/**
 * Households in scope matching the search, with head name, member count and place names.
 *
 * Shaped for millions of persons (EXPLAIN ANALYZE at 3,000,000: docs/design/search-and-todo-performance.md):
 * - what `q` may mean becomes candidate household ids, one index look-up per meaning (the blind
 *   indexes; the text_pattern_ops indexes of migration 0001 for household-number and name
 *   prefixes), instead of conditions OR-ed on the household table, which made PostgreSQL read
 *   every household in scope for an ID number or a phone;
 * - the page comes from the household-number order and stops at its last row, and the total is a
 *   count of its own (two queries, in parallel), instead of a window over every match that also
 *   joined each match's village and township first;
 * - the head's name, the member count and the place names are looked up for the rows of the page only.
 * As before, a page past the last match has a total of 0.
 */
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
  const candidates: string[] = [];
  if (search.idIndex) {
    params.push(search.idIndex);
    candidates.push(`SELECT household_id FROM members WHERE id_index = $${params.length}`);
  }
  if (search.phoneIndex) {
    params.push(search.phoneIndex);
    candidates.push(`SELECT id FROM households WHERE phone_index = $${params.length}`, `SELECT household_id FROM members WHERE phone_index = $${params.length}`);
  }
  if (search.numberPrefix) {
    params.push(search.numberPrefix);
    candidates.push(`SELECT id FROM households WHERE household_number LIKE $${params.length} || '%'`);
  }
  if (search.namePrefix) {
    params.push(search.namePrefix.replace(/[\\%_]/g, (c) => `\\${c}`));
    // A member's county is its household's (both written together): as before, the match is a member of the household's county.
    candidates.push(`SELECT mm.household_id FROM members mm JOIN households hh ON hh.id = mm.household_id AND hh.county_code = mm.county_code WHERE mm.name LIKE $${params.length} || '%'`);
  }
  if (search.regionCodes && search.regionCodes.length > 0) {
    // The households of the places `q` names: households_region_idx (county, region) with both known.
    params.push([...new Set(search.regionCodes.map((code) => code.slice(0, 6)))], search.regionCodes);
    candidates.push(`SELECT id FROM households WHERE county_code = ANY($${params.length - 1}::varchar[]) AND region_code = ANY($${params.length}::varchar[])`);
  }
  if (candidates.length > 0) where.push(`h.id IN (${candidates.join(' UNION ')})`);
  const filter = where.join(' AND ');
  const pageParams = [...params, search.limit, search.offset];
  const [page, count] = await readAll(tx, [
    () => tx.query<Omit<HouseholdSummaryRow, 'total'>>(
      `SELECT p.id, p."householdNumber", p.type, p."regionCode", v.name AS "villageName", t.name AS "townshipName", p.address, p."phoneMasked",
         (SELECT m.name FROM members m WHERE m.household_id = p.id ORDER BY (m.relation = 'head') DESC, m.birth_year, m.id LIMIT 1) AS "headName",
         (SELECT count(*) FROM members m WHERE m.household_id = p.id)::int AS "memberCount"
       FROM (
         SELECT h.id, h.household_number AS "householdNumber", h.type, h.region_code AS "regionCode", h.address, h.phone_masked AS "phoneMasked"
         FROM households h WHERE ${filter}
         ORDER BY h.household_number LIMIT $${pageParams.length - 1} OFFSET $${pageParams.length}
       ) p
       LEFT JOIN regions v ON v.code = p."regionCode"
       LEFT JOIN regions t ON t.code = substr(p."regionCode", 1, 9) || '000'
       ORDER BY p."householdNumber"`,
      pageParams,
    ),
    () => tx.query<{ total: number }>(`SELECT count(*)::int AS total FROM households h WHERE ${filter}`, params),
  ]);
  const total = page.rows.length > 0 ? count.rows[0]!.total : 0;
  return { rows: page.rows.map((r) => ({ ...r, total })), total };
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
     ORDER BY (m.relation = 'head') DESC, m.birth_year, m.id`,
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

export type HistoryRow = { id: number; at: Date; effectiveOn: string | null; actorName: string; actorDisplayName: string | null; action: string; source: string; memberId: string | null; before: Record<string, unknown> | null; after: Record<string, unknown> | null };

export async function findHistory(tx: Tx, householdId: string): Promise<HistoryRow[]> {
  const { rows } = await tx.query<HistoryRow>(
    `SELECT h.id, h.at, h.effective_on AS "effectiveOn", h.actor_name AS "actorName", u.display_name AS "actorDisplayName", h.action, h.source, h.member_id AS "memberId", h.before, h.after
     FROM registry_history h LEFT JOIN users u ON u.id = h.actor_id WHERE h.household_id = $1 ORDER BY h.at DESC, h.id DESC LIMIT 500`,
    [householdId],
  );
  return rows;
}

/** One registry history entry; `effectiveOn` is the day the change happened when it is not the day it is recorded (a county decision entered days late). */
export type HistoryEntryInput = {
  countyCode: string;
  householdId: string;
  memberId: string | null;
  action: string;
  actorId: string | null;
  actorName: string;
  source: string;
  before: unknown;
  after: unknown;
  effectiveOn?: string | null;
};

export async function insertHistory(tx: Tx, entries: HistoryEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `INSERT INTO registry_history (county_code, household_id, member_id, action, actor_id, actor_name, source, before, after, effective_on)
     SELECT * FROM unnest($1::varchar[], $2::uuid[], $3::uuid[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], $10::date[])`,
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
      entries.map((e) => e.effectiveOn ?? null),
    ],
  );
}

/** A household ready to insert: personal data already encrypted, masked and indexed. */
export type SealedHousehold = Pick<HouseholdRow, 'countyCode' | 'regionCode' | 'householdNumber' | 'type' | 'address' | 'phoneEnc' | 'phoneIndex' | 'phoneMasked'>;

/** Inserts new households (the registry import and registration on a case both write through here). */
export async function insertHouseholds(tx: Tx, households: SealedHousehold[]): Promise<{ id: string; householdNumber: string }[]> {
  if (households.length === 0) return [];
  const { rows } = await tx.query<{ id: string; householdNumber: string }>(
    `INSERT INTO households (county_code, region_code, household_number, type, address, phone_enc, phone_index, phone_masked)
     SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::text[], $4::text[], $5::text[], $6::bytea[], $7::bytea[], $8::text[])
     RETURNING id, household_number AS "householdNumber"`,
    [
      households.map((h) => h.countyCode),
      households.map((h) => h.regionCode),
      households.map((h) => h.householdNumber),
      households.map((h) => h.type),
      households.map((h) => h.address),
      households.map((h) => h.phoneEnc),
      households.map((h) => h.phoneIndex),
      households.map((h) => h.phoneMasked),
    ],
  );
  return rows;
}

/** A member ready to insert: personal data already encrypted, masked and indexed. */
export type SealedMember = Omit<MemberRow, 'id' | 'version'>;

/** Inserts new members, returning their ids in input order (the registry import and registration on a case both write through here). */
export async function insertMembers(tx: Tx, members: SealedMember[]): Promise<string[]> {
  if (members.length === 0) return [];
  const { rows } = await tx.query<{ id: string }>(
    `INSERT INTO members (household_id, county_code, name, id_enc, id_index, id_masked, sex, birth_year, relation, health, labour_capacity, schooling,
       migrant_months, has_medical_insurance, has_pension_insurance, is_dibao, is_tekun, phone_enc, phone_index, phone_masked)
     SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::text[], $4::bytea[], $5::bytea[], $6::text[], $7::text[], $8::smallint[], $9::text[], $10::text[],
       $11::text[], $12::text[], $13::smallint[], $14::bool[], $15::bool[], $16::bool[], $17::bool[], $18::bytea[], $19::bytea[], $20::text[])
     RETURNING id`,
    [
      members.map((m) => m.householdId),
      members.map((m) => m.countyCode),
      members.map((m) => m.name),
      members.map((m) => m.idEnc),
      members.map((m) => m.idIndex),
      members.map((m) => m.idMasked),
      members.map((m) => m.sex),
      members.map((m) => m.birthYear),
      members.map((m) => m.relation),
      members.map((m) => m.health),
      members.map((m) => m.labourCapacity),
      members.map((m) => m.schooling),
      members.map((m) => m.migrantMonths),
      members.map((m) => m.hasMedicalInsurance),
      members.map((m) => m.hasPensionInsurance),
      members.map((m) => m.isDibao),
      members.map((m) => m.isTekun),
      members.map((m) => m.phoneEnc),
      members.map((m) => m.phoneIndex),
      members.map((m) => m.phoneMasked),
    ],
  );
  return rows.map((r) => r.id);
}

/** The highest locally issued household number of a village (village code + 9xxxxx, `nextHouseholdNumber`), or null. */
export async function highestLocalHouseholdNumberInVillage(tx: Tx, villageCode: string): Promise<string | null> {
  const { rows } = await tx.query<{ n: string | null }>(
    `SELECT max(household_number) AS n FROM households WHERE household_number LIKE $1 || '9%' AND length(household_number) = 18 AND household_number ~ '^[0-9]+$'`,
    [villageCode.slice(0, 12)],
  );
  return rows[0]?.n ?? null;
}

/** The members of the given ID numbers' blind indexes that are already registered, with their household. */
export async function findRegisteredPersons(tx: Tx, idIndexes: Buffer[]): Promise<{ idIndex: Buffer; householdNumber: string; regionCode: string }[]> {
  if (idIndexes.length === 0) return [];
  const { rows } = await tx.query<{ idIndex: Buffer; householdNumber: string; regionCode: string }>(
    `SELECT m.id_index AS "idIndex", h.household_number AS "householdNumber", h.region_code AS "regionCode"
     FROM members m JOIN households h ON h.id = m.household_id WHERE m.id_index = ANY($1::bytea[])`,
    [idIndexes],
  );
  return rows;
}
