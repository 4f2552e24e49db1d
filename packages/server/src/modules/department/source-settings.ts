import { DEPARTMENT_SOURCES, can, mayManageSourceSettings, mayRecompareSource, isInScope, normalizeRegionCode, scopeOf, type Actor, type DepartmentSourceCode } from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { withTransaction } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { cleanHeaderMapping, type HeaderMapping } from './inspect-headers.ts';
import { recompareSource } from './recompare-source.ts';
import { findSourceSettings, markRecompared, saveSourceSettings, type SourceSettings } from './settings-repo.ts';

type Deps = { pool: pg.Pool; cipher: PersonalDataCipher; today: string };

/** The county whose settings apply to the actor's imports: its own county, or none for a province or city account. */
export function countyOfActor(actor: Actor): string | null {
  return scopeOf(actor).countyCodes[0] ?? null;
}

/**
 * The county an actor works on for source settings: the actor's own county, or for a province or
 * city account the `countyCode` asked for, which must lie in its region.
 */
function settingsCounty(actor: Actor, requested: string | undefined): string {
  const own = countyOfActor(actor);
  if (!requested) {
    if (own) return own;
    throw new AppError('VALIDATION_FAILED', 'Choose a county (countyCode)', { field: 'countyCode' });
  }
  let county: string;
  try {
    county = normalizeRegionCode(requested).slice(0, 6);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'countyCode must be a county code', { field: 'countyCode' });
  }
  if (!isInScope(scopeOf(actor), `${county}000000`)) throw new AppError('NOT_FOUND', 'County not found');
  return county;
}

/** Who may change a county's source settings: its county admin or county centre monitor (防贫中心). */
function assertMayManage(actor: Actor, countyCode: string): void {
  if (!mayManageSourceSettings(actor.role) || !can(actor, 'department.import', { regionCode: `${countyCode}000000` })) {
    throw new AppError('FORBIDDEN', 'Only the county admin or county monitor may change source settings');
  }
}

export async function getSourceSettings(deps: Deps, actor: Actor, source: DepartmentSourceCode, requestedCounty?: string): Promise<SourceSettings> {
  if (!can(actor, 'department.read')) throw new AppError('FORBIDDEN', 'Not allowed');
  return findSourceSettings(deps.pool, settingsCounty(actor, requestedCounty), source);
}

/** Saves the header mapping (file header → field; replaces the saved one) and/or the monthly re-comparison switch. */
export async function updateSourceSettings(
  deps: Deps,
  actor: Actor,
  source: DepartmentSourceCode,
  patch: { headerMapping?: Record<string, string>; monthlyRecompare?: boolean },
  requestedCounty?: string,
): Promise<SourceSettings> {
  const countyCode = settingsCounty(actor, requestedCounty);
  assertMayManage(actor, countyCode);
  const headerMapping: HeaderMapping | undefined = patch.headerMapping ? cleanHeaderMapping(DEPARTMENT_SOURCES[source], patch.headerMapping) : undefined;
  return withTransaction(deps.pool, async (tx) => {
    const before = await findSourceSettings(tx, countyCode, source);
    await saveSourceSettings(tx, countyCode, source, { ...(headerMapping ? { headerMapping } : {}), ...(patch.monthlyRecompare !== undefined ? { monthlyRecompare: patch.monthlyRecompare } : {}) }, actor.username);
    const after = await findSourceSettings(tx, countyCode, source);
    await recordAudit(tx, actor, 'department.settings.updated', { type: 'department_source_settings', id: `${countyCode}:${source}`, regionCode: `${countyCode}000000` }, {
      before: { headerMapping: before.headerMapping, monthlyRecompare: before.monthlyRecompare },
      after: { headerMapping: after.headerMapping, monthlyRecompare: after.monthlyRecompare },
    });
    return after;
  });
}

/**
 * Re-runs the source's rules over the county's stored rows now (the monthly comparison on demand),
 * and records the date. County admins only.
 */
export async function recompareSourceNow(
  deps: Deps,
  actor: Actor,
  source: DepartmentSourceCode,
  requestedCounty?: string,
): Promise<{ households: number; warnings: number; newWarnings: number; recomparedOn: string }> {
  const countyCode = settingsCounty(actor, requestedCounty);
  if (!mayRecompareSource(actor.role) || !can(actor, 'warning.dispatch', { regionCode: `${countyCode}000000` })) {
    throw new AppError('FORBIDDEN', 'Only the county admin may re-run a comparison');
  }
  return recompareAndRecord(deps, source, countyCode, actor.username);
}

/** The comparison for one county and source, then its date saved (used by the endpoint, the CLI and the monthly job). */
export async function recompareAndRecord(
  deps: Deps,
  source: DepartmentSourceCode,
  countyCode: string | null,
  by: string,
): Promise<{ households: number; warnings: number; newWarnings: number; recomparedOn: string }> {
  const counts = await recompareSource(deps, source, countyCode);
  if (countyCode) await markRecompared(deps.pool, countyCode, source, deps.today, by);
  return { ...counts, recomparedOn: deps.today };
}
