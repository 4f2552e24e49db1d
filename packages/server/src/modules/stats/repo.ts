import type { Scope } from '@fangpin/domain';
import { dueSoonSql, overdueSql } from '../cases/deadline-sql.ts';
import { readAll, type Tx } from '../../db/client.ts';
import { helperTimelinessFromSummary, identifiedBy, statusAsOf, underMonitoringAsOf } from '../monitoring/as-of-sql.ts';
import { regionPrefixCondition, scopeCondition } from '../registry/scope-sql.ts';
import { sumRows } from './kept-parts.ts';

/**
 * The statistics' SQL (docs/statistics.md). Every query takes the actor's Scope first and the
 * statistics region's significant prefix; the as-of date is `asOf` (YYYY-MM-DD). The conditions on
 * the register come from monitoring/as-of-sql.ts, the same the register's list uses, so that a
 * figure and its drill-down list agree.
 */
export type StatsWhere = { scope: Scope; prefix: string; asOf: string };

/** The region filter for table alias `alias` (region_code + county_code), and the as-of placeholder (also the report tables' test reference). */
export function base(w: StatsWhere, alias: string) {
  const params: unknown[] = [];
  const conditions = [scopeCondition(w.scope, alias, params)];
  conditions.push(regionPrefixCondition(alias, w.prefix, params));
  params.push(w.asOf);
  return { params, where: conditions.join(' AND '), d: `$${params.length}` };
}

/**
 * The monitoring records with their household's summary row `s` (household_stats: region, persons,
 * own helpers; docs/statistics.md "Pre-aggregation"), kept by triggers in every writing transaction,
 * so no figure looks members or helpers up household by household. The region filter is on `s`.
 */
const MONITORED = `household_monitoring m JOIN household_stats s ON s.household_id = m.household_id AND s.county_code = m.county_code`;

/**
 * The same join by household alone, for a statement led by other rows (the funnel's cases), which
 * reach each record by its household: a household's record and summary row carry its county (they
 * follow it when it moves, migration 0045), so the county adds nothing here but a wrong estimate —
 * the planner multiplies the two columns' selectivities, expects 1 % of the province's records
 * (3,951 of 941,617 at 10,000,000 persons) and looks each case's record up one by one (4.0 s for the
 * province's identified households; joined by household, 1.2-1.3 s).
 */
const MONITORED_BY_HOUSEHOLD = `household_monitoring m JOIN household_stats s ON s.household_id = m.household_id`;

/** Persons of the household: its members in the registry now (the registry keeps no membership history). */
const PERSONS = `s.persons`;

export type Count = { households: number; persons: number };

/**
 * GROUPING SETS for a report table (docs/statistics.md "Report tables"): the total `()` and one set
 * per child region, the child being the first n characters of `column` for each prefix length n of
 * the child regions (one length in a tree that follows the national code; a province's directly
 * administered counties beside its cities would add a second), each set also crossed with every
 * column list of `by`. `key` names a row's child region (`substr(column, 1, n)`, which equals the
 * child's significant prefix exactly when the region code starts with it) or null for the total.
 */
function reportGroupingSets(column: string, childPrefixLengths: readonly number[], by: readonly string[] = []) {
  const children = [...new Set(childPrefixLengths)].map((n) => {
    if (!Number.isInteger(n) || n < 1 || n > 15) throw new Error(`not a region prefix length: ${n}`);
    return `substr(${column}, 1, ${n})`;
  });
  const regions = [[], ...children.map((c) => [c])];
  const sets = [...regions, ...by.flatMap((b) => regions.map((r) => [...r, b]))];
  return {
    groupBy: `GROUP BY GROUPING SETS (${sets.map((s) => `(${s.join(', ')})`).join(', ')})`,
    key: children.length ? `(CASE ${children.map((c) => `WHEN GROUPING(${c}) = 0 THEN ${c}`).join(' ')} END)` : 'NULL::text',
  };
}

/** A row of a report's figures: `key` the child region's prefix, null for the region's total. */
type Keyed = { key: string | null };

/**
 * 监测对象情况统计表's figures: the monitoring objects identified by the date — the overview's set —
 * per child region and in total, summed in SQL: households and persons (`dimension` total), by
 * category (`category`, `value` the category, 'none' without one) and households by risk type
 * (`risk`: a household counts once under each of its risk types, however often the type is listed).
 */
export async function monitoringReportFigures(tx: Tx, w: StatsWhere, childPrefixLengths: readonly number[]) {
  const { params, where, d } = base(w, 's');
  const g = reportGroupingSets('mo.region_code', childPrefixLengths, ['mo.category', 'r.code']);
  // The records are first counted per region (cut to the longest child prefix: every child's key is
  // a prefix of it), category and list of risk types — a plain GROUP BY, which PostgreSQL splits
  // among its parallel workers — and only those groups, a few hundred for a province instead of
  // 1,000,000 records, are joined to their risk types and summed by GROUPING SETS (which runs in one
  // process and sorted the records twice: 2.3-2.9 s for the province's table at 10,000,000 persons).
  const longest = Math.max(0, ...childPrefixLengths);
  const { rows } = await tx.query<Keyed & { dimension: 'total' | 'category' | 'risk'; value: string | null; households: number; persons: number }>(
    `SELECT ${g.key} AS key,
       CASE WHEN GROUPING(mo.category) = 0 THEN 'category' WHEN GROUPING(r.code) = 0 THEN 'risk' ELSE 'total' END AS dimension,
       CASE WHEN GROUPING(mo.category) = 0 THEN mo.category WHEN GROUPING(r.code) = 0 THEN r.code END AS value,
       coalesce(CASE WHEN GROUPING(r.code) = 0 THEN sum(mo.households) FILTER (WHERE r.n = array_position(mo.risk_types, r.code))
         ELSE sum(mo.households) FILTER (WHERE r.n = 1) END, 0)::int AS households,
       coalesce(sum(mo.persons) FILTER (WHERE r.n = 1), 0)::int AS persons
     FROM (
       SELECT substr(s.region_code, 1, ${longest}) AS region_code, coalesce(m.category, 'none') AS category, m.risk_types, count(*) AS households, sum(${PERSONS}) AS persons
       FROM ${MONITORED}
       WHERE ${where} AND ${identifiedBy(d)}
       GROUP BY 1, 2, 3) mo
     CROSS JOIN LATERAL unnest(CASE WHEN cardinality(mo.risk_types) > 0 THEN mo.risk_types ELSE ARRAY[NULL::text] END) WITH ORDINALITY r(code, n)
     ${g.groupBy}`,
    params,
  );
  // A record without risk types is one row with no code: it counts in every figure but the risk ones.
  return rows.filter((r) => r.dimension !== 'risk' || r.value !== null);
}

/**
 * 风险消除情况表's figures: the monitoring objects identified by the date per child region and in
 * total, by their status on that day — eliminated (households, persons; by mode: assisted, natural,
 * neither recorded; by outcome: stable, tracking), rolled back, and still under monitoring
 * (监测中 + 已回退) — summed in SQL.
 */
export async function eliminationReportFigures(tx: Tx, w: StatsWhere, childPrefixLengths: readonly number[]) {
  const { params, where, d } = base(w, 's');
  const g = reportGroupingSets('mo.region_code', childPrefixLengths);
  // Counted first per region (cut to the longest child prefix), status and mode in parallel, then
  // summed by GROUPING SETS over those few groups (as the monitoring objects' table).
  const longest = Math.max(0, ...childPrefixLengths);
  const n = (condition: string) => `coalesce(sum(mo.households) FILTER (WHERE ${condition}), 0)::int`;
  const eliminated = `mo.status IN ('eliminatedStable', 'eliminatedTracking')`;
  const still = `mo.status IN ('monitoring', 'rolledBack')`;
  const { rows } = await tx.query<
    Keyed & {
      eliminated: number;
      eliminatedPersons: number;
      assisted: number;
      natural: number;
      modeUnknown: number;
      stable: number;
      tracking: number;
      rolledBack: number;
      rolledBackPersons: number;
      stillMonitored: number;
      stillMonitoredPersons: number;
    }
  >(
    `SELECT ${g.key} AS key,
       ${n(eliminated)} AS eliminated, coalesce(sum(mo.persons) FILTER (WHERE ${eliminated}), 0)::int AS "eliminatedPersons",
       ${n(`${eliminated} AND mo.mode = 'assisted'`)} AS assisted,
       ${n(`${eliminated} AND mo.mode = 'natural'`)} AS natural,
       ${n(`${eliminated} AND mo.mode IS DISTINCT FROM 'assisted' AND mo.mode IS DISTINCT FROM 'natural'`)} AS "modeUnknown",
       ${n(`mo.status = 'eliminatedStable'`)} AS stable,
       ${n(`mo.status = 'eliminatedTracking'`)} AS tracking,
       ${n(`mo.status = 'rolledBack'`)} AS "rolledBack", coalesce(sum(mo.persons) FILTER (WHERE mo.status = 'rolledBack'), 0)::int AS "rolledBackPersons",
       ${n(still)} AS "stillMonitored", coalesce(sum(mo.persons) FILTER (WHERE ${still}), 0)::int AS "stillMonitoredPersons"
     FROM (
       SELECT substr(s.region_code, 1, ${longest}) AS region_code, ${statusAsOf(d)} AS status, m.elimination_mode AS mode, count(*) AS households, sum(${PERSONS}) AS persons
       FROM ${MONITORED}
       WHERE ${where} AND ${identifiedBy(d)}
       GROUP BY 1, 2, 3) mo
     ${g.groupBy}`,
    params,
  );
  return rows;
}

/**
 * 帮扶措施落实情况表's figures: measures of the monitoring objects identified by the date, started
 * by the date, with their status on that day (delivered after it: still in progress then), per child
 * region and in total — measures and those delivered (`category` null), per measure category and
 * status (`category`, `status`), and the households they concern (`households`, counted once each:
 * over the distinct households, so that the other figures can be summed by hashing rather than
 * sorting every measure) — summed in SQL. The household's region is its summary row's
 * (household_stats, the households' region kept by triggers).
 */
export async function measureReportFigures(tx: Tx, w: StatsWhere, childPrefixLengths: readonly number[]): Promise<MeasureFigures[]> {
  if (keyedByCounty(w, childPrefixLengths)) return measureFiguresByCounty(tx, w, childPrefixLengths);
  const { params, where, d } = base(w, 's');
  const g = reportGroupingSets('x.region_code', childPrefixLengths, ['x.category, x.status']);
  const h = reportGroupingSets('y.region_code', childPrefixLengths);
  const { rows } = await tx.query<MeasureFigures>(
    `WITH x AS MATERIALIZED (
       SELECT s.region_code, hm.household_id, hm.category,
         CASE WHEN hm.status = 'delivered' AND hm.delivered_on > ${d}::date THEN 'inProgress' ELSE hm.status END AS status
       FROM household_measures hm JOIN household_monitoring m ON m.household_id = hm.household_id
         JOIN household_stats s ON s.household_id = hm.household_id AND s.county_code = hm.county_code
       WHERE ${where} AND ${identifiedBy(d)} AND hm.start_on <= ${d}::date)
     SELECT ${g.key} AS key, CASE WHEN GROUPING(x.category) = 0 THEN x.category END AS category, CASE WHEN GROUPING(x.status) = 0 THEN x.status END AS status,
       count(*)::int AS measures, count(*) FILTER (WHERE x.status = 'delivered')::int AS delivered, NULL::int AS households
     FROM x ${g.groupBy}
     UNION ALL
     SELECT ${h.key}, NULL, NULL, NULL, NULL, count(*)::int FROM (SELECT DISTINCT x.region_code, x.household_id FROM x) y ${h.groupBy}`,
    params,
  );
  return rows;
}

type MeasureFigures = Keyed & { category: string | null; status: string | null; measures: number | null; delivered: number | null; households: number | null };

/**
 * Whether a report's figures can be read by county alone: the region, the actor's scope and every
 * child region are a county or wider (a province's table by city, a city's by county). A region code
 * begins with its county's code, and a household's own rows carry its county (they follow it when it
 * moves: migration 0045), so the county says everything the household's region would.
 */
function keyedByCounty(w: StatsWhere, childPrefixLengths: readonly number[]): boolean {
  return w.prefix.length <= 6 && w.scope.regionPrefix.length <= 6 && childPrefixLengths.every((n) => n <= 6);
}

/**
 * 帮扶措施落实情况表's figures for a region of whole counties, the same rows as the GROUPING SETS
 * statement gives: counted per county, category and status by two statements over the measures and
 * the monitoring records alone, then added up here per child region and in total. The region's
 * households are not read (household_stats: 2,564,103 rows at the 10,000,000-person benchmark), so a
 * province's table of a date nobody asked before takes one hash join of 1,500,000 measures with
 * 1,000,000 records instead of three joins (5.3 s), and the planner, not multiplying two correlated
 * join columns, no longer looks each measure's record up one by one.
 */
async function measureFiguresByCounty(tx: Tx, w: StatsWhere, childPrefixLengths: readonly number[]): Promise<MeasureFigures[]> {
  const params: unknown[] = [w.scope.regionPrefix, w.prefix];
  let where = `m.county_code LIKE $1 || '%' AND m.county_code LIKE $2 || '%'`;
  if (w.scope.countyCodes.length > 0) {
    params.push(w.scope.countyCodes);
    where += ` AND m.county_code = ANY($${params.length}::varchar[])`;
  }
  params.push(w.asOf);
  const d = `$${params.length}`;
  const [measures, households] = await readAll(tx, [
    () =>
      tx.query<{ county: string; category: string; status: string; measures: number; delivered: number }>(
        `SELECT x.county, x.category, x.status, count(*)::int AS measures, count(*) FILTER (WHERE x.status = 'delivered')::int AS delivered
         FROM (
           SELECT m.county_code AS county, hm.category,
             CASE WHEN hm.status = 'delivered' AND hm.delivered_on > ${d}::date THEN 'inProgress' ELSE hm.status END AS status
           FROM household_measures hm JOIN household_monitoring m ON m.household_id = hm.household_id
           WHERE ${where} AND ${identifiedBy(d)} AND hm.start_on <= ${d}::date) x
         GROUP BY x.county, x.category, x.status`,
        params,
      ),
    () =>
      tx.query<{ county: string; households: number }>(
        `SELECT m.county_code AS county, count(*)::int AS households FROM household_monitoring m
         WHERE ${where} AND ${identifiedBy(d)} AND EXISTS (SELECT 1 FROM household_measures hm WHERE hm.household_id = m.household_id AND hm.start_on <= ${d}::date)
         GROUP BY m.county_code`,
        params,
      ),
  ]);
  const lengths = [...new Set(childPrefixLengths)];
  const keysOf = (county: string) => [null, ...lengths.map((n) => county.slice(0, n))];
  const none = { category: null, status: null, measures: null, delivered: null, households: null };
  // The region's totals are there even without a measure, as GROUPING SETS' empty set gives them.
  const rows: MeasureFigures[] = [
    { ...none, key: null, measures: 0, delivered: 0 },
    { ...none, key: null, households: 0 },
  ];
  for (const r of measures.rows)
    for (const key of keysOf(r.county))
      rows.push({ ...none, key, measures: r.measures, delivered: r.delivered }, { key, category: r.category, status: r.status, measures: r.measures, delivered: r.delivered, households: null });
  for (const r of households.rows) for (const key of keysOf(r.county)) rows.push({ ...none, key, households: r.households });
  return sumRows([rows]);
}

/**
 * 热线来电情况统计表's figures: hotline calls in the region by the date, per child region and in
 * total — by result, and the callbacks of calls due by the date as known on that day (on time: on or
 * before the due day; late; not made by the date; with an objection, among callbacks made by the
 * date) — summed in SQL.
 */
export async function hotlineReportFigures(tx: Tx, w: StatsWhere, childPrefixLengths: readonly number[]) {
  const { params, where, d } = base(w, 'x');
  const g = reportGroupingSets('x.region_code', childPrefixLengths);
  const calledBack = `(x.callback_at AT TIME ZONE 'Asia/Shanghai')::date`;
  const due = `x.callback_due_on <= ${d}::date`;
  const byDate = `${calledBack} <= ${d}::date`;
  const { rows } = await tx.query<Keyed & { calls: number; answered: number; dispatched: number; due: number; onTime: number; late: number; notMade: number; objections: number }>(
    `SELECT ${g.key} AS key, count(*)::int AS calls,
       count(*) FILTER (WHERE x.result = 'answered')::int AS answered, count(*) FILTER (WHERE x.result = 'dispatched')::int AS dispatched,
       count(*) FILTER (WHERE ${due})::int AS due,
       count(*) FILTER (WHERE ${due} AND ${byDate} AND ${calledBack} <= x.callback_due_on)::int AS "onTime",
       count(*) FILTER (WHERE ${due} AND ${byDate} AND ${calledBack} > x.callback_due_on)::int AS late,
       count(*) FILTER (WHERE ${due} AND (x.callback_at IS NULL OR ${calledBack} > ${d}::date))::int AS "notMade",
       count(*) FILTER (WHERE ${byDate} AND x.objection)::int AS objections
     FROM hotline_calls x WHERE ${where} AND (x.called_at AT TIME ZONE 'Asia/Shanghai')::date <= ${d}::date
     ${g.groupBy}`,
    params,
  );
  return rows;
}

/**
 * Monitoring objects identified by the date, in the region: totals, by category, risk type, status
 * (as of the date) and child region; coverage of their risks and helper timeliness. One pass over the
 * records (GROUPING SETS), not one scan of a materialised set per figure (docs/statistics.md
 * "Pre-aggregation"): each record is joined to its risk types (one row each, the first numbered 1;
 * a record without any gets one row with none), so the risk figures count every row and the others
 * only the first.
 */
export async function monitoringFigures(tx: Tx, w: StatsWhere, childPrefixLength: number | null) {
  const { params, where, d } = base(w, 's');
  const region = childPrefixLength ? `substr(mo.region_code, 1, ${childPrefixLength})` : null;
  const first = `r.n = 1`;
  const { rows } = await tx.query<{
    kind: string;
    key: string | null;
    households: number;
    persons: number;
    riskRows: number;
    riskPersons: number;
    uncoveredRisks: number;
    uncoveredHouseholds: number;
    uncoveredPersons: number;
    onTime: number;
    onTimePersons: number;
    late: number;
    latePersons: number;
    unassigned: number;
    unassignedPersons: number;
  }>(
    `SELECT CASE WHEN GROUPING(mo.category) = 0 THEN 'category' WHEN GROUPING(mo.status) = 0 THEN 'status' WHEN GROUPING(r.code) = 0 THEN 'risk'
         ${region ? `WHEN GROUPING(${region}) = 0 THEN 'region'` : ''} ELSE 'total' END AS kind,
       coalesce(mo.category, mo.status, r.code${region ? `, ${region}` : ''}) AS key,
       count(*) FILTER (WHERE ${first})::int AS households, coalesce(sum(mo.persons) FILTER (WHERE ${first}), 0)::int AS persons,
       count(*)::int AS "riskRows", coalesce(sum(mo.persons), 0)::int AS "riskPersons",
       coalesce(sum(mo.uncovered) FILTER (WHERE ${first} AND mo.under_monitoring), 0)::int AS "uncoveredRisks",
       count(*) FILTER (WHERE ${first} AND mo.under_monitoring AND mo.uncovered > 0)::int AS "uncoveredHouseholds",
       coalesce(sum(mo.persons) FILTER (WHERE ${first} AND mo.under_monitoring AND mo.uncovered > 0), 0)::int AS "uncoveredPersons",
       count(*) FILTER (WHERE ${first} AND mo.on_time)::int AS "onTime", coalesce(sum(mo.persons) FILTER (WHERE ${first} AND mo.on_time), 0)::int AS "onTimePersons",
       count(*) FILTER (WHERE ${first} AND mo.late)::int AS late, coalesce(sum(mo.persons) FILTER (WHERE ${first} AND mo.late), 0)::int AS "latePersons",
       count(*) FILTER (WHERE ${first} AND mo.unassigned)::int AS unassigned, coalesce(sum(mo.persons) FILTER (WHERE ${first} AND mo.unassigned), 0)::int AS "unassignedPersons"
     FROM (
       SELECT s.region_code, coalesce(m.category, 'none') AS category, m.risk_types, ${statusAsOf(d)} AS status, ${PERSONS} AS persons,
         ${underMonitoringAsOf(d)} AS under_monitoring, coalesce(cardinality(m.uncovered_risk_types), 0) AS uncovered,
         ${helperTimelinessFromSummary.onTime(d)} AS on_time, ${helperTimelinessFromSummary.late(d)} AS late, ${helperTimelinessFromSummary.unassigned(d)} AS unassigned
       FROM ${MONITORED}
       WHERE ${where} AND ${identifiedBy(d)}) mo
     CROSS JOIN LATERAL unnest(CASE WHEN cardinality(mo.risk_types) > 0 THEN mo.risk_types ELSE ARRAY[NULL::text] END) WITH ORDINALITY r(code, n)
     GROUP BY GROUPING SETS ((), (mo.category), (mo.status), (r.code)${region ? `, (${region})` : ''})`,
    params,
  );
  const out: { kind: string; key: string | null; households: number; persons: number }[] = [];
  for (const r of rows) {
    if (r.kind === 'risk') {
      if (r.key !== null) out.push({ kind: 'risk', key: r.key, households: r.riskRows, persons: r.riskPersons });
      continue;
    }
    out.push({ kind: r.kind, key: r.key, households: r.households, persons: r.persons });
    if (r.kind !== 'total') continue;
    out.push(
      { kind: 'uncoveredRisks', key: null, households: r.uncoveredRisks, persons: 0 },
      { kind: 'uncoveredHouseholds', key: null, households: r.uncoveredHouseholds, persons: r.uncoveredPersons },
      { kind: 'onTime', key: null, households: r.onTime, persons: r.onTimePersons },
      { kind: 'late', key: null, households: r.late, persons: r.latePersons },
      { kind: 'unassigned', key: null, households: r.unassigned, persons: r.unassignedPersons },
    );
  }
  return out;
}

/** The child regions of a region (townships of a county, villages of a township …), in code order. */
export async function childRegions(tx: Tx, regionCode: string): Promise<{ code: string; name: string }[]> {
  const { rows } = await tx.query<{ code: string; name: string }>(`SELECT code, name FROM regions WHERE parent_code = $1 ORDER BY code`, [regionCode]);
  return rows;
}

export async function findRegion(tx: Tx, code: string): Promise<{ code: string; name: string; level: string } | undefined> {
  const { rows } = await tx.query<{ code: string; name: string; level: string }>(`SELECT code, name, level FROM regions WHERE code = $1`, [code]);
  return rows[0];
}

/**
 * Identified and eliminated households per month, for the 12 months ending with the as-of date's
 * month (days after the as-of date not counted). One pass over the region's records grouped by month, not
 * one scan per month (docs/statistics.md "Benchmark").
 */
export async function monthlyTrend(tx: Tx, w: StatsWhere): Promise<{ month: string; identified: number; eliminated: number }[]> {
  const { params, where, d } = base(w, 's');
  const { rows } = await tx.query<{ month: string; identified: number; eliminated: number }>(
    `WITH months AS (SELECT to_char(generate_series(date_trunc('month', ${d}::date) - interval '11 months', date_trunc('month', ${d}::date), interval '1 month'), 'YYYY-MM') AS month),
       mo AS (SELECT m.identified_on, m.eliminated_on FROM ${MONITORED} WHERE ${where}),
       identified AS (SELECT to_char(mo.identified_on, 'YYYY-MM') AS month, count(*)::int AS n FROM mo WHERE mo.identified_on <= ${d}::date GROUP BY 1),
       eliminated AS (SELECT to_char(mo.eliminated_on, 'YYYY-MM') AS month, count(*)::int AS n FROM mo WHERE mo.eliminated_on <= ${d}::date GROUP BY 1)
     SELECT months.month, coalesce(i.n, 0) AS identified, coalesce(e.n, 0) AS eliminated
     FROM months LEFT JOIN identified i ON i.month = months.month LEFT JOIN eliminated e ON e.month = months.month ORDER BY months.month`,
    params,
  );
  return rows;
}

export const FUNNEL_CHANNELS = ['hotline', 'application', 'visit', 'warning'] as const;
export type FunnelChannel = (typeof FUNNEL_CHANNELS)[number];

/** The funnel's stages (funnelFigures' columns before presenting). */
const FUNNEL_STAGES = ['reports', 'clues', 'cases', 'identified', 'screened'] as const;
type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** A day in Beijing of a timestamp column. */
const dayOf = (column: string) => `(${column} AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * The funnel's events per stage, each row one report, clue, case, identified household or screened
 * case with its `channel`, its `day` and its `persons` (identified households; 0 otherwise): what
 * funnelFigures counts up to the as-of date (`upTo`, a placeholder: the condition inside each
 * statement, where the indexes serve it) and what a timeline adds up by day (`upTo` null: every
 * event, dated or not). `at(alias)` is the region filter on a table alias.
 */
function funnelEventSql(at: (alias: string) => string, upTo: string | null, stage: FunnelStage): string {
  const by = (day: string) => (upTo ? ` AND ${day} <= ${upTo}::date` : '');
  // Each stage built only when asked: at() appends its parameters.
  const stages: Record<FunnelStage, () => string> = {
    reports: () => `SELECT 'hotline' AS channel, ${dayOf('x.called_at')} AS day, 0 AS persons FROM hotline_calls x WHERE ${at('x')}${by(dayOf('x.called_at'))}
        UNION ALL SELECT 'application', ${dayOf('x.created_at')}, 0 FROM self_applications x WHERE ${at('x')}${by(dayOf('x.created_at'))}
        UNION ALL SELECT 'visit', x.visited_on, 0 FROM visit_reports x WHERE ${at('x')}${by('x.visited_on')}
        UNION ALL SELECT 'warning', ${dayOf('x.created_at')}, 0 FROM warnings x WHERE ${at('x')}${by(dayOf('x.created_at'))}`,
    clues: () => `SELECT cl.channel, ${dayOf('cl.created_at')} AS day, 0 AS persons FROM clues cl WHERE ${at('cl')} AND cl.status <> 'withdrawn'${by(dayOf('cl.created_at'))}`,
    cases: () => `SELECT cl.channel, c.clue_date AS day, 0 AS persons FROM cases c JOIN clues cl ON cl.id = c.clue_id WHERE ${at('c')}${by('c.clue_date')}`,
    // A household identified through several cases counts once, under its first case's channel
    // (identified_on is the household's, so the date decides only whether it counts, not which case).
    identified: () => `SELECT DISTINCT ON (m.household_id) cl.channel, m.identified_on AS day, ${PERSONS} AS persons
        FROM cases c JOIN clues cl ON cl.id = c.clue_id JOIN ${MONITORED_BY_HOUSEHOLD} ON m.household_id = c.household_id
        WHERE ${at('c')} AND c.decision->>'kind' = 'approved' AND m.identified_on ${upTo ? `<= ${upTo}::date` : 'IS NOT NULL'}
        ORDER BY m.household_id, c.clue_date`,
    screened: () => `SELECT cl.channel, (c.decision->>'on')::date AS day, 0 AS persons FROM cases c JOIN clues cl ON cl.id = c.clue_id
        WHERE ${at('c')} AND c.decision->>'kind' IN ('screenedOut', 'notRecommended', 'rejected')${by("(c.decision->>'on')::date")}`,
  };
  return stages[stage]();
}

/** The region filter on a table alias for a statistics region (scope and prefix), its parameters appended to `params`. */
function regionFilter(w: Pick<StatsWhere, 'scope' | 'prefix'>, params: unknown[]) {
  return (alias: string) => `${scopeCondition(w.scope, alias, params)} AND ${regionPrefixCondition(alias, w.prefix, params)}`;
}

/**
 * The discovery funnel per channel, everything up to the as-of date: reports received (calls,
 * applications, visit reports, department warnings), clues (not withdrawn), identification cases
 * opened, households identified through them (county approval, identified by the date) with their
 * persons, and cases screened out / not approved (decided by the date).
 */
export async function funnelFigures(tx: Tx, w: StatsWhere) {
  const stage = async (name: FunnelStage) => {
    const params: unknown[] = [w.asOf];
    const text = funnelEventSql(regionFilter(w, params), '$1', name);
    const { rows } = await tx.query<{ channel: string; n: number; persons: number }>(
      `SELECT e.channel, count(*)::int AS n, coalesce(sum(e.persons), 0)::int AS persons FROM (${text}) e GROUP BY e.channel`,
      params,
    );
    return rows;
  };
  const counted = await readAll(tx, FUNNEL_STAGES.map((name) => () => stage(name)));
  const byStage = new Map(FUNNEL_STAGES.map((name, i) => [name, counted[i]!]));
  return FUNNEL_CHANNELS.map((channel) => funnelRow(channel, (name) => byStage.get(name)!.find((r) => r.channel === channel)));
}

/** One channel's funnel row from its count (`n`, and `persons` for identified households) per stage. */
export function funnelRow(channel: FunnelChannel, of: (stage: FunnelStage) => { n: number; persons: number } | undefined) {
  return {
    channel,
    reports: of('reports')?.n ?? 0,
    clues: of('clues')?.n ?? 0,
    cases: of('cases')?.n ?? 0,
    identifiedHouseholds: of('identified')?.n ?? 0,
    identifiedPersons: of('identified')?.persons ?? 0,
    screenedOut: of('screened')?.n ?? 0,
  };
}

/**
 * A county's figures as changes by day, for its timeline (docs/statistics.md "Timelines"): rows
 * (kind, key, day, h, p) whose sums over the days up to a date are the figures as of that date —
 * monitoringFigures' (`region` keyed by the first `childPrefixLength` characters), monthlyTrend's
 * identified and eliminated households (`trendIdentified`, `trendEliminated`, counted on their day),
 * funnelFigures' (`funnel:<stage>` by channel) and warningFigures' (`warning:source`,
 * `warning:status`). Written with the same conditions as those statements (as-of-sql.ts, the funnel's
 * events), evaluated on the days a record's figures can change instead of on one date: a record
 * counts from its identification (or on any date when it has none); its status, coverage and helper
 * figures are evaluated on each day its dates name — identified, rolled back, eliminated, first
 * helper, each helper's start and end — and hold until the next, where they are taken back.
 * Parameters are appended to `params`.
 */
export function countyChangesSql(w: Pick<StatsWhere, 'scope' | 'prefix'>, childPrefixLength: number, params: unknown[]): string {
  const at = regionFilter(w, params);
  const monitoring = `WITH mo AS (
      SELECT m.household_id, m.risk_types, m.identified_on, m.eliminated_on, m.rolled_back_on, m.elimination_outcome, m.helper_due_on,
        s.region_code, s.first_helper_on, s.helper_days, ${PERSONS} AS persons, coalesce(m.category, 'none') AS category,
        coalesce(m.identified_on, '-infinity'::date) AS since, coalesce(cardinality(m.uncovered_risk_types), 0) AS uncovered
      FROM ${MONITORED} WHERE ${at('s')}),
    at_days AS (
      SELECT mo.*, b.day, lead(b.day) OVER (PARTITION BY mo.household_id ORDER BY b.day) AS until
      FROM mo CROSS JOIN LATERAL (
        SELECT DISTINCT x AS day FROM unnest(ARRAY[mo.since, mo.rolled_back_on, mo.eliminated_on, mo.first_helper_on]
          || ARRAY(SELECT lower(r) FROM unnest(mo.helper_days) r) || ARRAY(SELECT upper(r) FROM unnest(mo.helper_days) r)) x
        WHERE x IS NOT NULL AND x >= mo.since) b)
    SELECT x.kind, x.key, mo.since AS day, 1 AS h, mo.persons AS p FROM mo
      CROSS JOIN LATERAL (VALUES ('total', NULL::text), ('category', mo.category), ('region', substr(mo.region_code, 1, ${childPrefixLength}))) x(kind, key)
    UNION ALL SELECT 'risk', r.code, mo.since, 1, mo.persons FROM mo CROSS JOIN LATERAL unnest(mo.risk_types) r(code)
    UNION ALL SELECT 'trendIdentified', NULL, mo.identified_on, 1, 0 FROM mo WHERE mo.identified_on IS NOT NULL
    UNION ALL SELECT 'trendEliminated', NULL, mo.eliminated_on, 1, 0 FROM mo WHERE mo.eliminated_on IS NOT NULL
    UNION ALL SELECT v.kind, v.key, t.day, t.sign * v.h, t.sign * v.p FROM at_days m
      -- s: the summary's columns under the alias as-of-sql.ts reads them by.
      CROSS JOIN LATERAL (SELECT m.first_helper_on, m.helper_days) s
      CROSS JOIN LATERAL (VALUES
        ('status', ${statusAsOf('m.day')}, 1, m.persons, true),
        ('uncoveredRisks', NULL, m.uncovered, 0, m.uncovered > 0 AND ${underMonitoringAsOf('m.day')}),
        ('uncoveredHouseholds', NULL, 1, m.persons, m.uncovered > 0 AND ${underMonitoringAsOf('m.day')}),
        ('onTime', NULL, 1, m.persons, ${helperTimelinessFromSummary.onTime('m.day')}),
        ('late', NULL, 1, m.persons, ${helperTimelinessFromSummary.late('m.day')}),
        ('unassigned', NULL, 1, m.persons, ${helperTimelinessFromSummary.unassigned('m.day')})) v(kind, key, h, p, counts)
      CROSS JOIN LATERAL (VALUES (m.day, 1), (m.until, -1)) t(day, sign)
      WHERE v.counts AND t.day IS NOT NULL`;
  const funnel = FUNNEL_STAGES.map(
    (stage) =>
      `SELECT 'funnel:${stage}', e.channel, e.day, count(*), coalesce(sum(e.persons), 0) FROM (${funnelEventSql(at, null, stage)}) e WHERE e.day IS NOT NULL GROUP BY e.channel, e.day`,
  );
  const warnings = `SELECT 'warning:source', s.source, ${dayOf('x.created_at')}, 1, 0 FROM warnings x CROSS JOIN LATERAL unnest(x.sources) s(source) WHERE ${at('x')}
    UNION ALL SELECT 'warning:status', x.status, ${dayOf('x.created_at')}, 1, 0 FROM warnings x WHERE ${at('x')}`;
  return [`SELECT * FROM (${monitoring}) mc`, ...funnel, warnings].join('\n    UNION ALL ');
}

/**
 * Open identification cases in the region now (risk-elimination cases share the table: not counted), by step, and those overdue or due soon on `today`
 * (the cases list's `due` filters: docs/statistics.md "Open cases").
 */
export async function openCaseFigures(tx: Tx, scope: Scope, prefix: string, today: string, dueSoonDays: number) {
  const params: unknown[] = [];
  const where = `${scopeCondition(scope, 'c', params)} AND ${regionPrefixCondition('c', prefix, params)}`;
  params.push(today, dueSoonDays);
  const t = `$${params.length - 1}::date`;
  const { rows } = await tx.query<{ step: string; n: number; overdue: number; dueSoon: number }>(
    `SELECT c.step, count(*)::int AS n,
       count(*) FILTER (WHERE ${overdueSql(t)})::int AS overdue,
       count(*) FILTER (WHERE ${dueSoonSql(t, `$${params.length}::int`)})::int AS "dueSoon"
     FROM cases c WHERE ${where} AND c.kind = 'identification' AND c.step NOT IN ('closed', 'withdrawn')
     GROUP BY c.step`,
    params,
  );
  return rows;
}

/** Department warnings in the region raised by the date: by source (a warning may have several) and by status now. */
export async function warningFigures(tx: Tx, w: StatsWhere) {
  const { params, where, d } = base(w, 'x');
  const { rows } = await tx.query<{ kind: string; key: string; n: number }>(
    `WITH ws AS (SELECT x.sources, x.status FROM warnings x WHERE ${where} AND (x.created_at AT TIME ZONE 'Asia/Shanghai')::date <= ${d}::date)
     SELECT 'source' AS kind, s AS key, count(*)::int AS n FROM ws, unnest(ws.sources) s GROUP BY s
     UNION ALL SELECT 'status', status, count(*)::int FROM ws GROUP BY status`,
    params,
  );
  return rows;
}

