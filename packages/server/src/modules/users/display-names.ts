import type { Tx } from '../../db/client.ts';

/**
 * The display names (李新旺, 马庄村村干部) of the accounts behind stored login names, for records that
 * keep the login name (`created_by`, `updated_by`): people are shown by name, never by user code.
 * A login name with no account (the system, a deleted account) is absent: the web shows 系统 / the name.
 */
export async function displayNamesOf(tx: Tx, usernames: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(usernames.filter((u): u is string => u !== null))];
  if (wanted.length === 0) return new Map();
  const { rows } = await tx.query<{ username: string; displayName: string }>(
    `SELECT username, display_name AS "displayName" FROM users WHERE username = ANY($1::text[])`,
    [wanted],
  );
  return new Map(rows.map((r) => [r.username, r.displayName]));
}
