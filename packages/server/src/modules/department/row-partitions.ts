import { addCalendarDays } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';

/**
 * `department_rows` is partitioned by the month a batch was received (`compared_on`, migration
 * 0038): `department_rows_YYYY_MM`, and `department_rows_kept` for the rows retention kept as
 * evidence. A month's partition is made by the owner's function `fangpin_department_rows_partition`
 * (the application's role may create nothing), which attaches it with a lock that readers and
 * writers pass.
 */

/** The partition holding the rows received on `day`. */
export function partitionOf(day: string): string {
  return `department_rows_${day.slice(0, 4)}_${day.slice(5, 7)}`;
}

/** The first day of the month after `day`'s. */
export function nextMonth(day: string): string {
  return addCalendarDays(`${day.slice(0, 7)}-28`, 4).slice(0, 7) + '-01';
}

/**
 * Makes sure the partitions of `day`'s month and of the next exist. Called outside the import's
 * transaction (each call commits on its own): an empty partition left by an import that then
 * failed is harmless, and the next month's is there before the first file of that month comes,
 * so no import ever waits for another to attach one.
 */
export async function ensureRowPartitions(db: Tx, day: string): Promise<void> {
  await db.query('SELECT fangpin_department_rows_partition($1::date), fangpin_department_rows_partition($2::date)', [day, nextMonth(day)]);
}

/** The partitions of department_rows: name and bounds (`from` null for the kept rows' partition, which starts at MINVALUE), oldest first. */
export type RowPartition = { name: string; from: string | null; to: string };

export async function listRowPartitions(db: Tx): Promise<RowPartition[]> {
  const { rows } = await db.query<{ name: string; bound: string }>(
    `SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
     FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'public.department_rows'::regclass`,
  );
  return rows
    .map((r) => {
      // FOR VALUES FROM ('2026-03-01') TO ('2026-04-01'), or FROM (MINVALUE) TO (…) for the kept rows.
      const m = /FROM \((?:'([\d-]+)'|MINVALUE)\) TO \('([\d-]+)'\)/.exec(r.bound);
      if (!m) throw new Error(`department_rows partition ${r.name} has unexpected bounds: ${r.bound}`);
      return { name: r.name, from: m[1] ?? null, to: m[2]! };
    })
    .sort((a, b) => a.to.localeCompare(b.to));
}
