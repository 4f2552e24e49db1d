import type pg from 'pg';
import type { Scope } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { countiesUnder, currentSnapshot, exportSnapshot, readValidParts, storeParts, type PartKey } from './parts-repo.ts';

/**
 * The statistics' kept results (docs/statistics.md "Kept results"): a county or wider region's
 * figures are the sum of its counties' parts — each county's figures computed with the county as
 * the scope — kept in stats_parts with the snapshot they were computed under and reused while no
 * change of the county is visible to the reader that the part's snapshot did not see.
 */

/** A statistics region as the figure functions take it (show-overview.ts `StatsRegion`). */
type Region = { scope: Scope; regionCode: string | null; regionName: string | null; level: string | null; prefix: string };

/**
 * One county as a statistics region: the county alone (county_code), no region prefix. A record's
 * region lies in its county, so `region_code LIKE county%` would only repeat the condition — and
 * the planner, multiplying the two, expects one household of the county instead of thousands and
 * looks each record up by a nested loop (about 5× slower per county at 1,000,000 persons).
 */
export function countyRegion(county: string): Region {
  return { scope: { regionPrefix: '', countyCodes: [county] }, regionCode: null, regionName: null, level: 'county', prefix: '' };
}

/**
 * The counties whose parts make up the region's figures for this actor: the region tree's counties
 * under a county or wider region, when the actor sees each of them whole; null when the figures are
 * computed directly (a township or village, or a scope narrower than a county).
 */
export async function wholeCounties(tx: Tx, region: Region): Promise<string[] | null> {
  const { scope } = region;
  if (region.prefix.length > 6 || scope.regionPrefix.length > 6) return null;
  const counties = (await countiesUnder(tx, region.prefix)).filter((c) => c.startsWith(scope.regionPrefix) && (scope.countyCodes.length === 0 || scope.countyCodes.includes(c)));
  // No county in the region tree (an install before its regions): computed directly, which still gives the trend's twelve months.
  return counties.length > 0 ? counties : null;
}

/** The parts being computed in this process, per part key and county: a second request for them waits instead of computing them again. */
const inFlight = new Map<string, Promise<unknown>>();

/** Connections that compute missing parts at once (each county in its own; one snapshot shared). */
const PARALLEL = 3;

/**
 * The parts of `counties` in one REPEATABLE READ snapshot: the kept ones still valid in it, the
 * others computed in it by `compute` and kept afterwards with that snapshot. Missing parts are
 * computed on up to PARALLEL connections sharing the snapshot (`pg_export_snapshot`); parts another
 * request of this process is computing are waited for, then read again in a new snapshot (which
 * sees them kept), so twenty dashboards opened at once compute each county once. `computed` names
 * the counties this call computed.
 */
export async function keptCountyParts<T>(
  pool: pg.Pool,
  key: PartKey,
  counties: readonly string[],
  compute: (tx: Tx, county: string) => Promise<T>,
): Promise<KeptRead<T>>;
export async function keptCountyParts<T>(
  pool: pg.Pool,
  key: PartKey,
  counties: readonly string[],
  compute: (tx: Tx, county: string) => Promise<T>,
  options: KeptOptions<T> & { computeAtMost: number },
): Promise<KeptRead<T> | null>;
export async function keptCountyParts<T>(
  pool: pg.Pool,
  key: PartKey,
  counties: readonly string[],
  compute: (tx: Tx, county: string) => Promise<T>,
  options: KeptOptions<T> = {},
): Promise<KeptRead<T> | null> {
  const idOf = (county: string) => `${key.kind}|${key.asOf}|${key.today}|${county}`;
  for (let attempt = 0; ; attempt++) {
    const client = await pool.connect();
    const helpers: pg.PoolClient[] = [];
    const mine: string[] = [];
    let finish = () => {};
    const others: Promise<unknown>[] = [];
    type Part = { county: string; payload: T; ms: number };
    let outcome: { parts: Map<string, T>; fresh: Part[]; derived: Part[]; snapshot: string } | undefined;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const snapshot = await currentSnapshot(client);
      const parts = await readValidParts<T>(client, key, counties);
      // Parts of the key made from what is kept in another form: valid for this reader, so they are
      // the figures its snapshot would compute, and are kept with that snapshot like computed ones.
      const derived = options.fromKept ? await options.fromKept(client, counties.filter((c) => !parts.has(c))) : new Map<string, T>();
      for (const [county, part] of derived) parts.set(county, part);
      const missing = counties.filter((c) => !parts.has(c));
      if (options.computeAtMost !== undefined && missing.length > options.computeAtMost) {
        // Too many to compute one by one for this request: the caller computes its figures straight
        // from the base tables (one statement per figure for all the counties), and the parts are
        // computed and kept in the background for the next request — county by county, each in a
        // short snapshot of its own on one connection, so that the background neither holds one
        // snapshot open for minutes nor takes the cores from the request computing straight (three
        // connections at once made the province's first table 2-5 times slower at 10,000,000 persons).
        await client.query('COMMIT');
        if (options.keepInBackground !== false) inBackground(keepOneByOne(pool, key, missing, compute));
        return null;
      }
      for (const c of missing) {
        const p = inFlight.get(idOf(c));
        if (p) others.push(p);
      }
      if (others.length === 0 || attempt >= 3) {
        const done = new Promise<void>((resolve) => (finish = resolve));
        for (const c of missing) {
          inFlight.set(idOf(c), done);
          mine.push(idOf(c));
        }
        const fresh: { county: string; payload: T; ms: number }[] = [];
        const queue = [...missing];
        const work = async (tx: Tx) => {
          for (let county = queue.shift(); county !== undefined; county = queue.shift()) {
            const started = performance.now();
            const payload = await compute(tx, county);
            parts.set(county, payload);
            fresh.push({ county, payload, ms: performance.now() - started });
          }
        };
        const extra = Math.min(PARALLEL - 1, missing.length - 1);
        if (extra > 0) {
          const exported = await exportSnapshot(client);
          for (let i = 0; i < extra; i++) {
            const helper = await idleConnection(pool);
            if (!helper) break;
            helpers.push(helper);
            await helper.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
            await helper.query(`SET TRANSACTION SNAPSHOT '${exported.replace(/'/g, "''")}'`);
          }
        }
        await Promise.all([work(client), ...helpers.map((h) => work(h))]);
        for (const h of helpers) await h.query('COMMIT');
        outcome = { parts, fresh, derived: [...derived].map(([county, payload]) => ({ county, payload, ms: 0 })), snapshot };
      }
      await client.query('COMMIT');
    } catch (error) {
      for (const h of helpers) await h.query('ROLLBACK').catch(() => undefined);
      await client.query('ROLLBACK').catch(() => undefined);
      for (const id of mine) inFlight.delete(id);
      finish();
      throw error;
    } finally {
      // Every connection back before storing or waiting: a request never holds one while it waits for another.
      for (const h of helpers) h.release();
      client.release();
    }
    if (!outcome) {
      await Promise.allSettled(others);
      continue;
    }
    try {
      await storeParts(pool, key, outcome.snapshot, [...outcome.fresh, ...outcome.derived]);
    } finally {
      for (const id of mine) inFlight.delete(id);
      finish();
    }
    return { parts: outcome.parts, computed: outcome.fresh.map((f) => f.county), derived: outcome.derived.map((f) => f.county) };
  }
}

/** The parts of the counties asked, and which of them were computed, or made from what `fromKept` read. */
export type KeptRead<T> = { parts: Map<string, T>; computed: string[]; derived: string[] };

/** What a caller of keptCountyParts may add to the kept parts of its key. */
type KeptOptions<T> = {
  /** More than this many missing: null, and the caller computes straight. */
  computeAtMost?: number;
  /**
   * Parts kept in another form (the overview's timelines), read in the reader's snapshot for the
   * counties without a valid part of `key`: the counties it returns are not computed, and their parts
   * are kept as parts of `key` (the next read of the same date reads them as they are).
   */
  fromKept?: (tx: Tx, counties: readonly string[]) => Promise<Map<string, T>>;
  /** false: when the caller computes straight, the missing parts of `key` are not kept in the background (the caller keeps what it needs). */
  keepInBackground?: boolean;
};

/**
 * Keeps the parts of `counties` one county at a time (the background's way: one connection, short
 * snapshots).
 */
function keepOneByOne<T>(pool: pg.Pool, key: PartKey, counties: readonly string[], compute: (tx: Tx, county: string) => Promise<T>): Promise<void> {
  return keepEach(`the ${key.kind} parts as of ${key.asOf}`, counties, (county) => keptCountyParts(pool, key, [county], compute));
}

/**
 * Runs `keep` for each county in turn, waiting while a request computes straight. A county that
 * fails is passed over — the others are still kept, and requests compute the failed one
 * themselves — and the failures are told once to the log (`what` names what was kept): nobody waits
 * for the background, so nobody else would hear of them.
 */
export async function keepEach(what: string, counties: readonly string[], keep: (county: string) => Promise<unknown>): Promise<void> {
  const failed: string[] = [];
  let firstError: unknown;
  for (const county of counties) {
    await yieldToStraight();
    if (stoppingBackground) return;
    try {
      await keep(county);
    } catch (error) {
      failed.push(county);
      firstError ??= error;
    }
  }
  if (failed.length > 0) {
    const which = `${failed.slice(0, 10).join(', ')}${failed.length > 10 ? ', …' : ''}`;
    reportFailure(`stats: keeping ${what} failed for ${failed.length} of ${counties.length} counties (${which}): ${String(firstError)}`);
  }
}

/** Where the background's failures are told: the server's log (main.ts), standard error until it is set. */
let reportFailure: (line: string) => void = (line) => process.stderr.write(`${line}\n`);

/** Sets where failures of the background keeping are told (the server passes its log). */
export function onKeptPartsFailure(report: (line: string) => void): void {
  reportFailure = report;
}

/** Requests of this process computing their figures straight from the base tables now. */
let straightRunning = 0;

/**
 * Runs a request's straight computation (more counties missing than it computes); the background
 * keeping of parts waits while one runs, so that the request that is waiting for its figures has
 * the cores (the province's first 帮扶措施落实情况表 of a new date took 17 s beside the previous
 * table's keeping, its straight statement alone 4.4 s, at 10,000,000 persons).
 */
export async function computingStraight<T>(work: () => Promise<T>): Promise<T> {
  straightRunning++;
  try {
    return await work();
  } finally {
    straightRunning--;
  }
}

/** Waits while a request computes straight, at most STRAIGHT_YIELD_MS: requests without end must not starve the keeping for good. */
const STRAIGHT_YIELD_MS = 3_000;

export async function yieldToStraight(): Promise<void> {
  const until = Date.now() + STRAIGHT_YIELD_MS;
  while (straightRunning > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** Parts being computed in the background (after a request computed its figures straight). */
const pending = new Set<Promise<unknown>>();

/** Runs `work` after the request (settleKeptParts waits for it); its failure is its own to report. */
export function inBackground(work: Promise<unknown>) {
  const p = work.catch(() => undefined).finally(() => pending.delete(p));
  pending.add(p);
}

/** Set while the process stops its background keeping (the CLI's database, the server, closing). */
let stoppingBackground = false;

/**
 * Stops the background keeping before the pool closes: what runs finishes its county, the counties
 * after it are left (the next read or the server's refresh keeps them). A CLI command that read an
 * overview would otherwise keep a province's timelines for minutes after printing, or fail when its
 * pool closes under them.
 */
export async function stopBackgroundKeeping(): Promise<void> {
  stoppingBackground = true;
  try {
    await settleKeptParts();
  } finally {
    stoppingBackground = false;
  }
}

/** Resolves when the parts being computed in the background are kept (the benchmark waits for them before restarting the database). */
export async function settleKeptParts(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

/**
 * A connection if one is free now (within 20 ms), else null: computing beside the reader is an
 * extra, and requests that each hold one connection must never wait for one another's.
 */
async function idleConnection(pool: pg.Pool): Promise<pg.PoolClient | null> {
  const asked = pool.connect();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 20)));
  const got = await Promise.race([asked, late]);
  clearTimeout(timer);
  if (got === null) void asked.then((c) => c.release()).catch(() => undefined);
  return got;
}

/**
 * Rows added up: rows with the same non-number fields are one row whose number fields are the sums.
 * A row is known by its fields in name order, not in the order they come: a part read back from
 * `stats_parts` has its keys in jsonb's order ("key" before "kind"), one computed by the request in
 * the query's, and keyed by their own order the two never met — a province read that computed some
 * counties and read the others kept showed the categories, risks and warnings of only the ones it
 * computed.
 */
export function sumRows<R extends object>(lists: Iterable<readonly R[]>): R[] {
  const out = new Map<string, Record<string, unknown>>();
  for (const list of lists)
    for (const row of list) {
      const fields = row as Record<string, unknown>;
      let id = '';
      for (const k of Object.keys(fields).sort()) {
        const v = fields[k];
        if (typeof v !== 'number') id += `${k}\u0001${typeof v === 'string' ? `s${v}` : JSON.stringify(v)}\u0003`;
      }
      const have = out.get(id);
      if (!have) {
        out.set(id, { ...fields });
        continue;
      }
      for (const k in fields) {
        const v = fields[k];
        if (typeof v === 'number') have[k] = (have[k] as number) + v;
      }
    }
  return [...out.values()] as R[];
}
