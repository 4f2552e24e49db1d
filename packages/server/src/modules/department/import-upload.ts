import { DEPARTMENT_SOURCES, type Actor, type DepartmentSourceCode } from '@fangpin/domain';
import type pg from 'pg';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import type { ImportLimits } from '../../files/import-limits.ts';
import { importDepartmentFile, type DepartmentImportResult } from './import-department.ts';
import { inspectHeaders, type HeaderCheck } from './inspect-headers.ts';
import { findSourceSettings } from './settings-repo.ts';
import { countyOfActor } from './source-settings.ts';

/**
 * An uploaded department file, previewed (dry run) or imported at once, with the actor's county's
 * saved header mapping. A preview also says which headers were not recognised and which required
 * fields are missing, so the screen can offer a mapping; when a required field is missing it stops
 * there (no rows can be read) and returns empty counts with that check.
 */
export async function importUploadedDepartmentFile(
  deps: { pool: pg.Pool; cipher: PersonalDataCipher; today: string; limits?: ImportLimits },
  actor: Actor,
  sourceCode: DepartmentSourceCode,
  file: string,
  options: { dryRun: boolean; fileName: string; asOf?: string },
): Promise<DepartmentImportResult & { headerCheck?: HeaderCheck }> {
  const countyCode = countyOfActor(actor);
  const headerMapping = countyCode ? (await findSourceSettings(deps.pool, countyCode, sourceCode)).headerMapping : {};
  const mapping = Object.keys(headerMapping).length > 0 ? { headerMapping } : {};
  const asOf = options.asOf ? { asOf: options.asOf } : {};
  if (!options.dryRun) return importDepartmentFile(deps, actor, sourceCode, file, { fileName: options.fileName, ...mapping, ...asOf });
  const headerCheck = await inspectHeaders(file, DEPARTMENT_SOURCES[sourceCode], headerMapping, deps.limits, options.asOf);
  // Nothing can be read yet: a required column is missing, or a list without a date column has no date yet (the screen asks for it).
  if (headerCheck.missingFields.length > 0 || headerCheck.listDate === null) {
    return { rows: 0, accepted: 0, matched: 0, unmatched: 0, rejected: 0, rejectedByCode: {}, warnings: 0, newWarnings: 0, batchId: '', isDryRun: true, isRepeat: false, duplicates: 0, listDate: null, listDateFrom: null, errors: [], headerCheck };
  }
  const result = await importDepartmentFile(deps, actor, sourceCode, file, { dryRun: true, fileName: options.fileName, ...mapping, ...asOf });
  return { ...result, headerCheck };
}
