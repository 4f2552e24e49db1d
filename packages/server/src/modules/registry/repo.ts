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
  /** Only the households this user helps now (a helping cadre under `helperReadScope: 'assigned'`). */
  helpedBy?: string;
  limit: number;
  offset: number;
  /** The total counts no further than this (default SEARCH_TOTAL_CAP). */
  totalCap?: number;
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
 * Past this many matches a search says "more than N" instead of counting every one: counting the
 * 770,000 households of a county took 264 ms of every first page at 3,000,000 persons, and no one
 * pages that far (docs/design/search-and-todo-performance.md "Capped totals").
 */
export const SEARCH_TOTAL_CAP = 10_000;

/**
 * Households in scope matching the search, with head name, member count and place names.
 *
 * Shaped for millions of persons (EXPLAIN ANALYZE at 3,000,000: docs/design/search-and-todo-performance.md):
 * - what `q` may mean becomes candidate household ids, one index look-up per meaning (the blind
 *   indexes; the text_pattern_ops indexes for household-number prefixes and, per county, for name
 *   prefixes — index-only, with the household id in the index), instead of conditions OR-ed on the
 *   household table, which made PostgreSQL read every household in scope for an ID number or a phone;
 * - with candidates, the matching households are read once (at most `cap` + 1 of them) and both the
 *   page and the total come from that one read;
 * - without candidates (the list of a region), the page comes from the household-number order and
 *   stops at its last row, and the total counts no further than `cap` + 1;
 * - past `cap` matches the total is `cap` and `totalCapped` says so;
 * - a name prefix over whole counties is read from the name index alone, in name order
 *   (searchByNameCountyWide); every other search lists in household-number order;
 * - the head's name, the member count and the place names are looked up for the rows of the page only.
 * As before, a page past the last match has a total of 0.
 */
export async function searchHouseholds(tx: Tx, scope: Scope, search: HouseholdSearch): Promise<{ rows: HouseholdSummaryRow[]; total: number; totalCapped: boolean }> {
  const cap = search.totalCap ?? SEARCH_TOTAL_CAP;
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
  if (search.helpedBy) {
    params.push(search.helpedBy);
    where.push(`h.id IN (SELECT household_id FROM household_helpers WHERE user_id = $${params.length} AND ended_on IS NULL)`);
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
    const name = `$${params.length}`;
    // A member's county is its household's (both written together), so the scope's counties narrow
    // the members first: members_county_name_prefix_idx (county, name text_pattern_ops) INCLUDE
    // (household_id) answers with an index-only scan. Without counties (a province-wide scope) the
    // name-only pattern index serves.
    if (scope.countyCodes.length > 0) {
      params.push(scope.countyCodes);
      candidates.push(`SELECT household_id FROM members WHERE county_code = ANY($${params.length}::varchar[]) AND name LIKE ${name} || '%'`);
    } else {
      candidates.push(`SELECT household_id FROM members WHERE name LIKE ${name} || '%'`);
    }
  }
  if (search.namePrefix && isCountyWide(scope) && !search.regionPrefix && !search.type && !search.helpedBy && !search.idIndex && !search.phoneIndex && !search.numberPrefix && !search.regionCodes?.length)
    return searchByNameCountyWide(tx, scope, search, cap);
  if (search.regionCodes && search.regionCodes.length > 0) {
    // The households of the places `q` names: households_region_idx (county, region) with both known.
    params.push([...new Set(search.regionCodes.map((code) => code.slice(0, 6)))], search.regionCodes);
    candidates.push(`SELECT id FROM households WHERE county_code = ANY($${params.length - 1}::varchar[]) AND region_code = ANY($${params.length}::varchar[])`);
  }
  if (candidates.length > 0) where.push(`h.id IN (${candidates.join(' UNION ')})`);
  const filter = where.join(' AND ');
  const householdColumns = `h.id, h.household_number AS "householdNumber", h.type, h.region_code AS "regionCode", h.address, h.phone_masked AS "phoneMasked"`;
  // The page's rows `p` (in household-number order) dressed with their look-ups.
  const dressed = (pageSql: string) => `SELECT p.id, p."householdNumber", p.type, p."regionCode", v.name AS "villageName", t.name AS "townshipName", p.address, p."phoneMasked",
         (SELECT m.name FROM members m WHERE m.household_id = p.id ORDER BY (m.relation = 'head') DESC, m.birth_year, m.id LIMIT 1) AS "headName",
         (SELECT count(*) FROM members m WHERE m.household_id = p.id)::int AS "memberCount"
       FROM (${pageSql}) p
       LEFT JOIN regions v ON v.code = p."regionCode"
       LEFT JOIN regions t ON t.code = substr(p."regionCode", 1, 9) || '000'
       ORDER BY p."householdNumber"`;
  const pageOfAll = (limitAt: number) => `SELECT ${householdColumns} FROM households h WHERE ${filter} ORDER BY h.household_number LIMIT $${limitAt} OFFSET $${limitAt + 1}`;
  type PageRow = Omit<HouseholdSummaryRow, 'total'>;
  const finish = (rows: PageRow[], counted: number) => {
    const totalCapped = counted > cap;
    const total = rows.length > 0 ? Math.min(counted, cap) : 0;
    return { rows: rows.map((r) => ({ ...r, total })), total, totalCapped: rows.length > 0 && totalCapped };
  };
  if (candidates.length > 0) {
    // One read of the matches (at most cap + 1), the page and the count both from it.
    const pageParams = [...params, cap + 1, search.limit, search.offset];
    const n = pageParams.length;
    const { rows } = await tx.query<PageRow & { matches: number }>(
      `WITH hit AS MATERIALIZED (SELECT ${householdColumns} FROM households h WHERE ${filter} LIMIT $${n - 2})
       SELECT d.*, (SELECT count(*) FROM hit)::int AS matches
       FROM (${dressed(`SELECT * FROM hit ORDER BY "householdNumber" LIMIT $${n - 1} OFFSET $${n}`)}) d`,
      pageParams,
    );
    const matches = rows[0]?.matches ?? 0;
    const page = rows.map(({ matches: _, ...r }) => r);
    if (matches <= cap) return finish(page, matches);
    // More than `cap` matches: the first cap + 1 read are not the first in household-number order.
    const { rows: ordered } = await tx.query<PageRow>(dressed(pageOfAll(params.length + 1)), [...params, search.limit, search.offset]);
    return finish(ordered, cap + 1);
  }
  const pageParams = [...params, search.limit, search.offset];
  const [page, count] = await readAll(tx, [
    () => tx.query<PageRow>(dressed(pageOfAll(params.length + 1)), pageParams),
    () => tx.query<{ total: number }>(`SELECT count(*)::int AS total FROM (SELECT 1 FROM households h WHERE ${filter} LIMIT $${params.length + 1}) x`, [...params, cap + 1]),
  ]);
  return finish(page.rows, count.rows[0]!.total);
}

/**
 * True when every member of the scope's counties belongs to a household in the scope (a county
 * centre, or a city whose counties are listed): a member's county is its household's, and a
 * household's region starts with its county. Then the name index alone decides what matches.
 */
function isCountyWide(scope: Scope): boolean {
  return scope.countyCodes.length > 0 && scope.countyCodes.every((code) => code.startsWith(scope.regionPrefix));
}

/**
 * A name prefix over whole counties (the county centre typing 黄明): read from the name index alone,
 * in name order (code-point order, as the index: a byte comparison instead of the locale's, which
 * took most of the time). Each household comes once, placed by its first matching member's name (ties by
 * id); the total counts distinct households up to `cap` + 1; only the page's households are read.
 * Ordering by household number would read every matching household first: 9,327 households for
 * 黄明 at 3,000,000 persons, 1.2 s, against 5 ms from the index (docs/design/search-and-todo-performance.md).
 */
async function searchByNameCountyWide(tx: Tx, scope: Scope, search: HouseholdSearch, cap: number): Promise<{ rows: HouseholdSummaryRow[]; total: number; totalCapped: boolean }> {
  const params = [scope.countyCodes, search.namePrefix!.replace(/[\\%_]/g, (c) => `\\${c}`), cap + 1, search.limit, search.offset];
  const matches = `SELECT household_id, name FROM members WHERE county_code = ANY($1::varchar[]) AND name LIKE $2 || '%'`;
  const { rows } = await tx.query<Omit<HouseholdSummaryRow, 'total'> & { matches: number }>(
    `WITH firsts AS (SELECT household_id, min(name COLLATE "C") AS first FROM (${matches}) m GROUP BY household_id),
       page AS (SELECT household_id, first FROM firsts ORDER BY first, household_id LIMIT $4 OFFSET $5)
     SELECT h.id, h.household_number AS "householdNumber", h.type, h.region_code AS "regionCode", v.name AS "villageName", t.name AS "townshipName",
       h.address, h.phone_masked AS "phoneMasked",
       (SELECT m.name FROM members m WHERE m.household_id = h.id ORDER BY (m.relation = 'head') DESC, m.birth_year, m.id LIMIT 1) AS "headName",
       (SELECT count(*) FROM members m WHERE m.household_id = h.id)::int AS "memberCount",
       (SELECT count(*) FROM (SELECT 1 FROM firsts LIMIT $3) c)::int AS matches
     FROM page p JOIN households h ON h.id = p.household_id
     LEFT JOIN regions v ON v.code = h.region_code
     LEFT JOIN regions t ON t.code = substr(h.region_code, 1, 9) || '000'
     ORDER BY p.first, p.household_id`,
    params,
  );
  const counted = rows[0]?.matches ?? 0;
  const total = rows.length > 0 ? Math.min(counted, cap) : 0;
  return { rows: rows.map(({ matches: _, ...r }) => ({ ...r, total })), total, totalCapped: rows.length > 0 && counted > cap };
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
