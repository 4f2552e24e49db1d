import { normalizeRegionCode } from '@fangpin/domain';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { SYSTEM_ACTOR, type AuditActor } from '../audit/record-audit.ts';

/**
 * The county a command-line import is for (`--county`), so its batch is recorded for that county,
 * matches and writes only inside it, and only that county's accounts see it. Without `--county` the
 * county is the only one the region table holds; with several (or none) the import is refused with
 * what to write, never guessed.
 */
export async function resolveImportCounty(tx: Tx, requested: string | undefined): Promise<{ countyCode: string; name: string }> {
  const { rows: counties } = await tx.query<{ countyCode: string; name: string }>(
    `SELECT county_code AS "countyCode", name FROM regions WHERE level = 'county' AND county_code IS NOT NULL ORDER BY county_code`,
  );
  if (requested !== undefined) {
    let code: string;
    try {
      code = normalizeRegionCode(requested).slice(0, 6);
    } catch {
      throw new AppError('VALIDATION_FAILED', `--county ${requested}: not a region code (a county's 6 digits, e.g. 451028)`, { field: 'county' });
    }
    const county = counties.find((c) => c.countyCode === code);
    if (!county) throw new AppError('VALIDATION_FAILED', `--county ${requested}: no such county in the region table (load it with \`fangpin import regions\`)`, { field: 'county' });
    return county;
  }
  if (counties.length === 1) return counties[0]!;
  if (counties.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'The region table holds no county: load the regions first (`fangpin import regions FILE`)', { field: 'county' });
  }
  const listed = counties.slice(0, 10).map((c) => `${c.countyCode} ${c.name}`).join(', ');
  throw new AppError(
    'VALIDATION_FAILED',
    `This database holds ${counties.length} counties (${listed}${counties.length > 10 ? ', …' : ''}): say which one the file is for with --county CODE`,
    { field: 'county' },
  );
}

/** The system actor acting for one county (its CLI imports are scoped to it like a county account's). */
export function systemActorFor(countyCode: string): AuditActor & { regionCode: string } {
  return { ...SYSTEM_ACTOR, regionCode: `${countyCode}000000` };
}
