import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { ensureShippedRuleSets } from '../rules/ensure-shipped-rule-sets.ts';
import type { PersonalDataCipher } from '../../crypto/personal-data.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { importRegistry } from '../registry/import-registry.ts';
import { loadRegions } from '../regions/load-regions.ts';
import { addUser } from '../users/add-user.ts';
import { REGISTRY_CSV_HEADER_ZH, generateRegistry, registryRowToCsvCells } from './generate-registry.ts';
import { MONITORING_CSV_HEADER_ZH, generateMonitoringRows, type DemoHousehold } from './generate-monitoring.ts';
import { importMonitoring } from '../monitoring/import-monitoring.ts';
import { importDepartmentFile } from '../department/import-department.ts';
import { storyAssetFiles, storyHrFile, storyMedicalFile, storyRegistryRows } from './story-households.ts';
import { seedDemoActivity } from './seed-activity.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
import { systemActorFor } from '../regions/import-county.ts';
import { seedDemoMonitoring } from './seed-monitoring.ts';
import { seedDemoEliminations } from './seed-eliminations.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const LEYE_REGIONS_CSV = path.join(here, '..', 'regions', 'data', 'leye-451028.csv');

export { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';

export type SeedResult = { regions: number; households: number; persons: number; rejected: number; accounts: string[] };

/**
 * Seeds the demo county 乐业县 (451028): region tree, ~2,000 households / ~8,000 persons with valid IDs
 * (through the real registry import, so the demo exercises the same path as a county's own file),
 * and one account per role. Idempotent: a second run changes nothing.
 */
/** The system importing for the demo county: its batches are 乐业县's, as a county's own imports are. */
const LEYE = systemActorFor('451028');

export async function seedDemo(pool: pg.Pool, cipher: PersonalDataCipher, options: { households?: number; today: string }): Promise<SeedResult> {
  await loadRegions(pool, SYSTEM_ACTOR, LEYE_REGIONS_CSV);
  await ensureShippedRuleSets(pool);
  const { rows: villages } = await pool.query<{ code: string; name: string }>(
    `SELECT code, name FROM regions WHERE county_code = '451028' AND level = 'village' ORDER BY code`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fangpin-demo-'));
  const file = path.join(dir, 'leye-registry.csv');
  try {
    const out = fs.createWriteStream(file);
    const line = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\n';
    out.write('乐业县农户信息导出（演示数据）\n');
    out.write(line([...REGISTRY_CSV_HEADER_ZH]));
    for (const row of generateRegistry({ seed: 451028, villages, households: options.households ?? 2000, asOf: options.today })) out.write(line(registryRowToCsvCells(row)));
    const villageOf = (name: string) => villages.find((v) => v.name === name)?.code ?? '451028';
    for (const row of storyRegistryRows(villageOf)) out.write(line(registryRowToCsvCells(row)));
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const result = await importRegistry({ pool, cipher, today: options.today }, LEYE, file, { fileName: 'leye-demo-registry.csv' });
    // Monitoring facts for about one household in twelve (the county's monitoring objects).
    const { rows: monitored } = await pool.query<DemoHousehold>(
      `SELECT h.household_number AS "householdNumber", h.type, bool_or(coalesce(m.is_dibao, false)) AS "hasDibao",
         bool_and(coalesce(m.labour_capacity, 'notApplicable') IN ('none', 'notApplicable')) AS "hasNoLabour"
       FROM households h JOIN members m ON m.household_id = h.id WHERE h.county_code = '451028'
       GROUP BY h.id HAVING abs(hashtext(h.household_number)) % 12 = 0 ORDER BY h.household_number`,
    );
    const monitoringFile = path.join(dir, 'leye-monitoring.csv');
    fs.writeFileSync(monitoringFile, [MONITORING_CSV_HEADER_ZH.join(','), ...[...generateMonitoringRows(monitored)].map((r) => r.join(','))].join('\n') + '\n');
    await importMonitoring(pool, LEYE, monitoringFile, { today: options.today, fileName: 'leye-demo-monitoring.csv' });
    const accounts: string[] = [];
    const villageCode = (name: string) => villages.find((v) => v.name === name)?.code ?? '451028';
    for (const account of DEMO_ACCOUNTS) {
      const region = account.region === 'MAZHUANG' ? villageCode('马庄村') : account.region === 'BAILE' ? villageCode('百乐村') : account.region === 'SHUABA' ? villageCode('刷把村') : account.region;
      const { rowCount } = await pool.query(`SELECT 1 FROM users WHERE username = $1`, [account.username]);
      if (!rowCount) {
        await addUser({ pool, now: () => new Date() }, SYSTEM_ACTOR, { username: account.username, password: DEMO_PASSWORD, role: account.role, region, displayName: account.displayName }, { unsafeDemoAccount: true });
      }
      accounts.push(account.username);
    }
    // The asset sources' records of the story households, for the property check (财产检索).
    for (const asset of storyAssetFiles()) {
      const assetFile = path.join(dir, `${asset.source}.csv`);
      fs.writeFileSync(assetFile, asset.csv);
      await importDepartmentFile({ pool, cipher, today: options.today }, LEYE, asset.source, assetFile, { fileName: asset.fileName });
    }
    // The medical bureau's January file (the 阿文 journey's warning), imported on its day.
    const medical = storyMedicalFile();
    if (medical.comparedOn <= options.today) {
      const medicalFile = path.join(dir, 'medical.csv');
      fs.writeFileSync(medicalFile, medical.csv);
      await importDepartmentFile({ pool, cipher, today: medical.comparedOn }, LEYE, 'medical', medicalFile, { fileName: medical.fileName });
    }
    // The HR bureau's list of 40 days ago (the 龙学 journey's warning), imported on its day.
    const hr = storyHrFile(options.today);
    const hrFile = path.join(dir, 'human-resources.csv');
    fs.writeFileSync(hrFile, hr.csv);
    await importDepartmentFile({ pool, cipher, today: hr.comparedOn }, LEYE, 'humanResources', hrFile, { fileName: hr.fileName });
    await seedDemoActivity(pool, cipher, options.today);
    await seedDemoMonitoring(pool, cipher, options.today);
    await seedDemoEliminations(pool, cipher, options.today);
    const { rows } = await pool.query<{ households: number; persons: number }>(
      `SELECT (SELECT count(*) FROM households WHERE county_code = '451028')::int AS households, (SELECT count(*) FROM members WHERE county_code = '451028')::int AS persons`,
    );
    return { regions: villages.length, households: rows[0]!.households, persons: rows[0]!.persons, rejected: result.rejected, accounts };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
