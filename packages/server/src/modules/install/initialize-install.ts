import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTALL_ADMIN_ROLE, normalizeRegionCode, regionLevelOf } from '@fangpin/domain';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { SYSTEM_ACTOR, recordAudit } from '../audit/record-audit.ts';
import { assertPasswordAllowed } from '../auth/passwords.ts';
import { loadRegions } from '../regions/load-regions.ts';
import { ensureShippedRuleSets } from '../rules/ensure-shipped-rule-sets.ts';
import { findVersionsForRegion } from '../rules/repo.ts';
import { addUser, assertUsernameAllowed } from '../users/add-user.ts';
import type { UserDeps } from '../users/managed-user.ts';

const REGION_DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'regions', 'data');

/** The region file shipped for a county (`modules/regions/data/<name>-<county>.csv`), if any. */
export function shippedRegionFile(countyCode: string): string | undefined {
  const name = fs.readdirSync(REGION_DATA_DIR).find((f) => f.endsWith(`-${countyCode}.csv`));
  return name ? path.join(REGION_DATA_DIR, name) : undefined;
}

export type InitResult = {
  countyCode: string;
  countyName: string;
  townships: number;
  villages: number;
  regionsFrom: 'shipped' | 'database';
  /** Rule-set versions stored now (shipped ones that were missing). */
  ruleSetVersions: number;
  /** Whether a rule set covers the county (a province default or the county's own); without one, nothing can be assessed. */
  hasRuleSet: boolean;
  admin: { username: string; regionCode: string };
};

/**
 * `fangpin init --county CODE`: turns an empty database into a county's own install, without any
 * demo data: the county's region tree (shipped for 451028 乐业县; any other county imports its own
 * first, `fangpin import regions`), the shipped rule sets, and the first county admin with the
 * password the operator typed. Refused when the database already has accounts. Everything is
 * checked before anything is written.
 */
export async function initializeInstall(
  deps: UserDeps,
  input: { county: string; username: string; password: string; displayName?: string | undefined },
): Promise<InitResult> {
  let code: string;
  try {
    code = normalizeRegionCode(input.county);
  } catch {
    throw new AppError('VALIDATION_FAILED', `"${input.county}" is not a county code (6 digits, e.g. 451028)`, { field: 'county' });
  }
  if (regionLevelOf(code) !== 'county') {
    throw new AppError('VALIDATION_FAILED', `${input.county} is a ${regionLevelOf(code)}, not a county: give the 6-digit county code (e.g. 451028)`, { field: 'county' });
  }
  const countyCode = code.slice(0, 6);
  const { rows: counted } = await deps.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM users`);
  if (counted[0]!.n > 0) {
    throw new AppError(
      'CONFLICT',
      `This database already has ${counted[0]!.n} account(s): init is for a new, empty install. Add accounts with \`npx fangpin users add\`, or point FANGPIN_DATA_DIR / DATABASE_URL at an empty one / 数据库中已有账号，init 只用于全新安装`,
    );
  }
  assertUsernameAllowed(input.username.trim());
  assertPasswordAllowed(input.password, input.username.trim());
  const hasCounty = async () => (await deps.pool.query(`SELECT 1 FROM regions WHERE code = $1`, [code])).rowCount === 1;
  let regionsFrom: InitResult['regionsFrom'] = 'database';
  if (!(await hasCounty())) {
    const file = shippedRegionFile(countyCode);
    if (!file) {
      throw new AppError(
        'VALIDATION_FAILED',
        [
          `No region data ships for county ${countyCode} (only 451028 乐业县 so far), and the database has none for it.`,
          `Import your county's region tree first: \`npx fangpin import regions regions.csv\` — columns code, name, level, parent_code`,
          `(代码, 名称, 级别, 上级代码): your province, city and county, then every township and village, 12-digit codes`,
          `(e.g. 451028000000 乐业县 county 451000000000). Then run \`npx fangpin init --county ${countyCode}\` again. Nothing was changed.`,
        ].join('\n'),
        { field: 'county' },
      );
    }
    const loaded = await loadRegions(deps.pool, SYSTEM_ACTOR, file);
    if (loaded.rejected > 0 || !(await hasCounty())) throw new Error(`The shipped region file ${file} has ${loaded.rejected} bad row(s)`);
    regionsFrom = 'shipped';
  }
  const ruleSetVersions = await ensureShippedRuleSets(deps.pool);
  const admin = await addUser(deps, SYSTEM_ACTOR, { username: input.username, password: input.password, role: INSTALL_ADMIN_ROLE, region: code, displayName: input.displayName });
  const { rows } = await deps.pool.query<{ name: string; townships: number; villages: number }>(
    `SELECT (SELECT name FROM regions WHERE code = $1) AS name,
       (SELECT count(*)::int FROM regions WHERE county_code = $2 AND level = 'township') AS townships,
       (SELECT count(*)::int FROM regions WHERE county_code = $2 AND level = 'village') AS villages`,
    [code, countyCode],
  );
  const summary = rows[0]!;
  await withTransaction(deps.pool, (tx) =>
    recordAudit(tx, SYSTEM_ACTOR, 'install.initialized', { type: 'region', id: code, regionCode: code }, { details: { regionsFrom, ruleSetVersions, admin: admin.username } }),
  );
  const hasRuleSet = (await findVersionsForRegion(deps.pool, code)).length > 0;
  return { countyCode, countyName: summary.name, townships: summary.townships, villages: summary.villages, regionsFrom, ruleSetVersions, hasRuleSet, admin: { username: admin.username, regionCode: admin.regionCode } };
}
