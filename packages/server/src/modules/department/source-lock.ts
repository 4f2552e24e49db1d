import type pg from 'pg';

/**
 * Serialises the work that writes a department source's rows and warnings, inside the caller's
 * transaction. An import or a recomparison for one county holds that county's key of the source
 * (two uploads of the same file at once: one wins, the other repeats) and a shared hold on the
 * source; work for every county at once (`countyCode` null: a recomparison the province runs)
 * holds the source exclusively, so it waits for every county's import and they wait for it.
 * The source-wide key is always taken first, so two holders cannot wait for each other.
 *
 * `onWait` is called once, before blocking, when another holder is in the way (an import job
 * shows "waiting" rather than 0 rows read).
 */
export async function lockDepartmentSource(
  tx: pg.PoolClient,
  sourceCode: string,
  countyCode: string | null,
  onWait?: () => void,
): Promise<void> {
  const sourceKey = `department:${sourceCode}`;
  const steps: Array<{ key: string; mode: 'shared' | 'exclusive' }> =
    countyCode === null
      ? [{ key: sourceKey, mode: 'exclusive' }]
      : [
          { key: sourceKey, mode: 'shared' },
          { key: `department:${countyCode}:${sourceCode}`, mode: 'exclusive' },
        ];
  let hasWaited = false;
  for (const { key, mode } of steps) {
    const suffix = mode === 'shared' ? '_shared' : '';
    const { rows } = await tx.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock${suffix}(hashtext($1)) AS ok`, [key]);
    if (rows[0]!.ok) continue;
    if (!hasWaited) onWait?.();
    hasWaited = true;
    await tx.query(`SELECT pg_advisory_xact_lock${suffix}(hashtext($1))`, [key]);
  }
}
