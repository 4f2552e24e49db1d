import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { buildCounty, buildHousehold, buildUserAndLogin, type BuiltHousehold, type TestCounty } from '../../../test/factories.ts';
import { tempFile } from '../../../test/registry-files.ts';
import { createTestContext, TEST_SECRET_KEY, type TestContext } from '../../../test/test-app.ts';
import { SYSTEM_ACTOR } from '../audit/record-audit.ts';
import { importMonitoring } from './import-monitoring.ts';
import { runRegistryQualityCheck } from './run-quality-check.ts';

let ctx: TestContext;
let county: TestCounty;
let h: BuiltHousehold[];
const HEADER = '户编号,监测对象类别,风险类型,识别监测时间,人均纯收入,工资性收入,转移性收入,合规自付医疗支出,饮水安全问题,风险消除方式,风险消除时间,风险消除后人均纯收入,是否整户无劳动能力兜底保障户';

beforeAll(async () => {
  ctx = await createTestContext();
  county = await buildCounty(ctx.pool);
  h = [];
  for (let i = 0; i < 6; i++) h.push(await buildHousehold(ctx, { villageCode: county.villages[i % 4]!.code }));
});

function monitoringFile(lines: string[]): string {
  const file = tempFile('monitoring.csv');
  fs.writeFileSync(file, ['防返贫监测对象信息（测试）', HEADER, ...lines].join('\n'));
  return file;
}

describe('monitoring facts import and the national data-quality checks', () => {
  it('imports good rows, reports bad ones by row and column, and a repeat changes nothing', async () => {
    const file = monitoringFile([
      `${h[0]!.householdNumber},边缘易致贫户,因病,2024-03-10,"8,200元",12000,800,9000,否,,,,否`, // clean
      `${h[1]!.householdNumber},脱贫不稳定户,因病、因学,2023年5月1日,7600,50,0,0,否,,,,否`, // wage 50; illness without out-of-pocket
      `${h[2]!.householdNumber},边缘易致贫户,因务工就业不稳,2024/1/5,21000,30000,0,0,是,,,,否`, // high income since 2023; water problem without 11
      `${h[3]!.householdNumber},突发严重困难户,因意外事故,2024-01-10,9000,20000,0,0,否,帮扶消除,2024-02-20,7000,否`, // quick elimination, below line
      `${h[4]!.householdNumber},什么户,因病,2024-01-10,abc,0,0,0,否,,,,否`, // two bad cells
      `999999999999999999,边缘易致贫户,因病,2024-01-10,5000,0,0,100,否,,,,否`, // not in registry
      `${h[0]!.householdNumber},边缘易致贫户,因病,2024-03-10,8200,12000,800,9000,否,,,,否`, // duplicate
    ]);
    const result = await importMonitoring(ctx.pool, SYSTEM_ACTOR, file, { today: '2026-11-29' });
    expect(result).toMatchObject({ rows: 7, imported: 4, created: 4, rejected: 3 });
    expect(result.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [7, '监测对象类别', 'VALUE_UNKNOWN'],
      [7, '人均纯收入', 'AMOUNT_INVALID'],
      [8, '户编号', 'HOUSEHOLD_NOT_IN_REGISTRY'],
      [9, '户编号', 'DUPLICATE_HOUSEHOLD_IN_FILE'],
    ]);
    const again = await importMonitoring(ctx.pool, SYSTEM_ACTOR, file, { today: '2026-11-29' });
    expect(again).toMatchObject({ imported: 4, created: 0, updated: 0, unchanged: 4 });
    const { rows } = await ctx.pool.query(`SELECT action FROM registry_history WHERE household_id = $1 AND action LIKE 'monitoring.%'`, [h[0]!.id]);
    expect(rows).toEqual([{ action: 'monitoring.created' }]);

    const report = await runRegistryQualityCheck(ctx.pool, { regionPrefix: county.countyCode, countyCodes: [county.countyCode] }, { today: '2026-11-29' });
    expect(report.householdsChecked).toBe(4);
    const byCheck = Object.fromEntries(report.checks.map((c) => [c.check, c.householdIds]));
    expect(byCheck).toMatchObject({
      implausibleWageIncome: [h[1]!.id],
      illnessWithoutOutOfPocket: [h[1]!.id],
      highIncomeSinceYear: [h[2]!.id],
      problemWithoutRiskType: [h[2]!.id],
      quickAssistedElimination: [h[3]!.id],
      assistedEliminationBelowLine: [h[3]!.id],
      allowanceWithoutTransferIncome: [],
    });
    expect(report.households[h[1]!.id]).toEqual({ householdNumber: h[1]!.householdNumber, village: county.villages[1]!.name });
    expect(report.ruleSetVersions).toEqual({ [county.countyCode]: 'gx-2026.1' });
  });

  it('the quality report is scoped over HTTP, and printed by `fangpin quality-check --json`', async () => {
    const township = await buildUserAndLogin(ctx, { role: 'township-officer', regionCode: county.townships[0]!.code });
    const response = await ctx.app.inject({ url: '/api/quality-report', headers: { cookie: township.cookie } });
    expect(response.statusCode).toBe(200);
    const ids = Object.keys(response.json().households);
    for (const id of ids) expect([h[0]!.id, h[1]!.id, h[4]!.id]).toContain(id); // villages 0 and 1 are in township 0
    const cadre = await buildUserAndLogin(ctx, { role: 'village-cadre', regionCode: county.villages[0]!.code });
    expect((await ctx.app.inject({ url: '/api/quality-report', headers: { cookie: cadre.cookie } })).statusCode).toBe(403);

    const bin = path.resolve(import.meta.dirname, '../../../bin/fangpin.mjs');
    const run = spawnSync(process.execPath, [bin, 'quality-check', '--json', '--region', county.countyCode], {
      env: { ...process.env, DATABASE_URL: inject('databaseUrl'), FANGPIN_SECRET_KEY: TEST_SECRET_KEY },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout);
    expect(out.householdsChecked).toBe(4);
    expect(out.checks).toHaveLength(8);
    expect(out.checks.find((c: { check: string }) => c.check === 'implausibleWageIncome').count).toBe(1);
  }, 60_000);
});
