import { MEASURE_CATEGORIES, MEASURE_STATUS_ZH, normalizeRegionCode, regionSignificantPrefix, RISK_TYPES, type Actor, type ReportName } from '@fangpin/domain';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import type { Tx } from '../../db/client.ts';
import { xlsxRow, xlsxValue } from '../../files/xlsx-cells.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { childRegions, eliminationReportFigures, hotlineReportFigures, measureReportFigures, monitoringReportFigures, type StatsWhere } from './repo.ts';
import { computingStraight, countyRegion, keptCountyParts, sumRows, wholeCounties } from './kept-parts.ts';
import { REPORT_COMPUTE_AT_MOST, resolveStatsRegion, type StatsRegion } from './show-overview.ts';

/** The standard report tables (报表) of issue 14; `GET /api/reports/:name.xlsx`. */
export { REPORT_NAMES, type ReportName } from '@fangpin/domain';

/** A column group under a merged first-level header; `columns` are the second level. */
type Group = { label: string; columns: string[] };
/** One table: a row per child region and a total row (合计), numbers in the groups' column order. */
export type ReportTable = { title: string; unit: string; groups: Group[]; rows: { name: string; values: number[] }[]; total: number[] };

const CATEGORY_ZH: Record<string, string> = { unstable: '脱贫不稳定户', marginal: '边缘易致贫户', sudden: '突发严重困难户', none: '未分类' };
const RISK_ZH = new Map<string, string>(Object.values(RISK_TYPES).map((r) => [r.code, r.zh]));
const MEASURE_ZH = new Map<string, string>(Object.entries(MEASURE_CATEGORIES).map(([name, c]) => [name, c.zh]));
const MEASURE_ORDER = Object.keys(MEASURE_CATEGORIES);

/** A row of the table: a child region and its significant code prefix. */
type Slot = { name: string; prefix: string };

/**
 * The table from figures aggregated in SQL per child region (`key`, its prefix) and in total (`key`
 * null): `valuesOf` turns one region's figures (empty when it has none) into the row's numbers.
 */
function table<T extends { key: string | null }>(figures: T[], slots: Slot[], groups: Group[], valuesOf: (figures: T[]) => number[], title: string, unit: string): ReportTable {
  const of = (key: string | null) => figures.filter((f) => f.key === key);
  return { title, unit, groups, rows: slots.map((s) => ({ name: s.name, values: valuesOf(of(s.prefix)) })), total: valuesOf(of(null)) };
}

type Keyed = { key: string | null };

/** One report's figures for a region (repo.ts `…ReportFigures`): rows per child region (`key` its prefix, of the lengths given) and for the region (`key` null). */
function reportFigures(tx: Tx, w: StatsWhere, lengths: readonly number[], name: ReportName): Promise<Keyed[]> {
  if (name === 'monitoring-objects') return monitoringReportFigures(tx, w, lengths);
  if (name === 'eliminations') return eliminationReportFigures(tx, w, lengths);
  if (name === 'measures') return measureReportFigures(tx, w, lengths);
  return hotlineReportFigures(tx, w, lengths);
}

/** How one county's part of a report is computed: its rows by township and its total. */
export const computeCountyReport = (name: ReportName, asOf: string) => (tx: Tx, county: string) =>
  reportFigures(tx, { scope: countyRegion(county).scope, prefix: countyRegion(county).prefix, asOf }, [9], name);

/**
 * A report's figures as the sum of its counties' kept parts (docs/statistics.md "Kept results"):
 * each county's rows by township and its total, kept per report, date and day. A county's table is
 * its part; a city's or province's rows are its counties' totals added up under the child region
 * (a slot) each county lies in, and its total the sum of theirs.
 */
async function keptReportFigures(pool: pg.Pool, counties: readonly string[], region: StatsRegion, asOf: string, today: string, name: ReportName, slots: readonly Slot[], computeAtMost: number): Promise<Keyed[]> {
  const kept = await keptCountyParts<Keyed[]>(
    pool,
    { kind: `report:${name}`, asOf, today },
    counties,
    computeCountyReport(name, asOf),
    { computeAtMost },
  );
  // Too many counties to compute one by one (show-overview.ts REPORT_COMPUTE_AT_MOST): straight from the base tables.
  if (!kept) return computingStraight(() => reportFigures(pool, { scope: region.scope, prefix: region.prefix, asOf }, slots.map((s) => s.prefix.length), name));
  const { parts } = kept;
  if (region.level === 'county') return sumRows(parts.values());
  return sumRows(
    [...parts].flatMap(([county, rows]) => {
      const totals = rows.filter((r) => r.key === null);
      const slot = slots.find((s) => county.startsWith(s.prefix));
      return [totals, slot ? totals.map((r) => ({ ...r, key: slot.prefix })) : []];
    }),
  );
}

/**
 * The figures of one report for a region and date, with the statistics' definitions
 * (docs/statistics.md "Report tables"): the monitoring tables count the same households as
 * `GET /api/stats/overview` for the same region and date. Each figure is summed in SQL per child
 * region and for the region (repo.ts `…ReportFigures`), so a province's table reads tens of rows.
 */
export async function reportTable(
  tx: Tx,
  region: StatsRegion,
  asOf: string,
  name: ReportName,
  figuresOf: (slots: readonly Slot[]) => Promise<Keyed[]> = (slots) => reportFigures(tx, { scope: region.scope, prefix: region.prefix, asOf }, slots.map((s) => s.prefix.length), name),
): Promise<ReportTable> {
  const children = region.regionCode && region.level !== 'village' ? await childRegions(tx, normalizeRegionCode(region.regionCode)) : [];
  const slots: Slot[] = children.map((c) => ({ name: c.name, prefix: regionSignificantPrefix(c.code) }));
  if (name === 'monitoring-objects') {
    const figures = (await figuresOf(slots)) as Awaited<ReturnType<typeof monitoringReportFigures>>;
    const categories = ['unstable', 'marginal', 'sudden', 'none'];
    const risks = [...new Set(figures.filter((f) => f.key === null && f.dimension === 'risk').map((f) => f.value!))].sort();
    const count = (fs: typeof figures, dimension: string, value: string | null) => fs.find((f) => f.dimension === dimension && f.value === value);
    const households = (f: { households: number; persons: number } | undefined) => [f?.households ?? 0, f?.persons ?? 0];
    return table(
      figures,
      slots,
      [
        { label: '监测对象合计', columns: ['户数', '人数'] },
        ...categories.map((c) => ({ label: CATEGORY_ZH[c]!, columns: ['户数', '人数'] })),
        { label: '按风险类型（户，一户多种风险分别计入）', columns: risks.map((r) => RISK_ZH.get(r) ?? r) },
      ],
      (fs) => [
        ...households(count(fs, 'total', null)),
        ...categories.flatMap((c) => households(count(fs, 'category', c))),
        ...risks.map((r) => count(fs, 'risk', r)?.households ?? 0),
      ],
      '监测对象情况统计表',
      '单位：户、人',
    );
  }
  if (name === 'eliminations') {
    const figures = (await figuresOf(slots)) as Awaited<ReturnType<typeof eliminationReportFigures>>;
    return table(
      figures,
      slots,
      [
        { label: '风险已消除', columns: ['户数', '人数'] },
        { label: '按消除方式（户）', columns: ['帮扶消除', '自然消除', '未注明'] },
        { label: '按消除后状态（户）', columns: ['稳定消除', '继续跟踪'] },
        { label: '已回退', columns: ['户数', '人数'] },
        { label: '仍在监测（未消除）', columns: ['户数', '人数'] },
      ],
      ([f]) =>
        f
          ? [f.eliminated, f.eliminatedPersons, f.assisted, f.natural, f.modeUnknown, f.stable, f.tracking, f.rolledBack, f.rolledBackPersons, f.stillMonitored, f.stillMonitoredPersons]
          : Array<number>(11).fill(0),
      '风险消除情况表',
      '单位：户、人',
    );
  }
  if (name === 'measures') {
    const figures = (await figuresOf(slots)) as Awaited<ReturnType<typeof measureReportFigures>>;
    const categories = MEASURE_ORDER.filter((c) => figures.some((f) => f.key === null && f.category === c));
    const statuses = ['planned', 'inProgress', 'delivered'] as const;
    return table(
      figures,
      slots,
      [
        { label: '帮扶措施合计', columns: ['措施数', '涉及户数', '已落实'] },
        ...categories.map((c) => ({ label: MEASURE_ZH.get(c) ?? c, columns: statuses.map((s) => MEASURE_STATUS_ZH[s]) })),
      ],
      (fs) => {
        const all = fs.find((f) => f.category === null && f.measures !== null);
        return [
          all?.measures ?? 0,
          fs.find((f) => f.households !== null)?.households ?? 0,
          all?.delivered ?? 0,
          ...categories.flatMap((c) => statuses.map((s) => fs.find((f) => f.category === c && f.status === s)?.measures ?? 0)),
        ];
      },
      '帮扶措施落实情况表',
      '单位：项、户',
    );
  }
  const figures = (await figuresOf(slots)) as Awaited<ReturnType<typeof hotlineReportFigures>>;
  return table(
    figures,
    slots,
    [
      { label: '来电', columns: ['合计', '政策解答', '转交核实'] },
      { label: '回访（截至统计日期应回访的来电）', columns: ['应回访', '按时回访', '超期回访', '未回访', '回访有异议'] },
    ],
    ([f]) => (f ? [f.calls, f.answered, f.dispatched, f.due, f.onTime, f.late, f.notMade, f.objections] : Array<number>(8).fill(0)),
    '热线来电情况统计表',
    '单位：件',
  );
}

/**
 * A report's table for a region: from kept county parts for a county or wider region the actor
 * sees whole, else straight from the base tables (`keptParts: false` always: the tests' reference).
 */
export async function reportTableOf(
  pool: pg.Pool,
  region: StatsRegion,
  asOf: string,
  today: string,
  name: ReportName,
  options: { keptParts?: boolean; computeAtMost?: number } = {},
): Promise<ReportTable> {
  const counties = options.keptParts === false ? null : await wholeCounties(pool, region);
  if (!counties) return reportTable(pool, region, asOf, name);
  return reportTable(pool, region, asOf, name, (slots) => keptReportFigures(pool, counties, region, asOf, today, name, slots, options.computeAtMost ?? REPORT_COMPUTE_AT_MOST));
}

const BORDER = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } } as const;

/**
 * The table as a county report: title, unit / region / date lines, a merged two-level header
 * (地区 spans both levels), a row per child region and 合计.
 */
export async function writeReportXlsx(t: ReportTable, meta: { regionName: string; asOf: string; madeOn: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t.title);
  const width = 1 + t.groups.reduce((n, g) => n + g.columns.length, 0);
  sheet.mergeCells(1, 1, 1, width);
  const title = sheet.getCell(1, 1);
  title.value = xlsxValue(`${meta.regionName}${t.title}`);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, width);
  sheet.getCell(2, 1).value = xlsxValue(`填报地区：${meta.regionName}\u3000\u3000统计截止日期：${meta.asOf}\u3000\u3000${t.unit}\u3000\u3000制表日期：${meta.madeOn}`);
  // Header: row 3 the groups (merged across their columns), row 4 the columns; 地区 spans both rows.
  sheet.mergeCells(3, 1, 4, 1);
  sheet.getCell(3, 1).value = xlsxValue('地区');
  let column = 2;
  for (const g of t.groups) {
    if (g.columns.length === 0) continue;
    if (g.columns.length > 1) sheet.mergeCells(3, column, 3, column + g.columns.length - 1);
    sheet.getCell(3, column).value = xlsxValue(g.label);
    g.columns.forEach((c, i) => (sheet.getCell(4, column + i).value = xlsxValue(c)));
    column += g.columns.length;
  }
  for (const r of [3, 4])
    for (let c = 1; c <= width; c++) {
      const cell = sheet.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    }
  for (const r of [...t.rows, { name: '合计', values: t.total }]) {
    const row = sheet.addRow(xlsxRow([r.name, ...r.values]));
    row.eachCell({ includeEmpty: true }, (cell) => (cell.border = BORDER));
    if (r.name === '合计') row.font = { bold: true };
  }
  sheet.getColumn(1).width = 16;
  for (let c = 2; c <= width; c++) sheet.getColumn(c).width = 10;
  sheet.getRow(3).height = 32;
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 4 }];
  sheet.pageSetup = { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:4' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The export: checked like the overview (stats.read, region in scope), audited, written. */
export async function exportReport(
  pool: pg.Pool,
  actor: Actor,
  today: string,
  name: ReportName,
  input: { regionCode?: string | undefined; asOf?: string | undefined },
  options: { keptParts?: boolean; computeAtMost?: number } = {},
) {
  const region = await resolveStatsRegion(pool, actor, input.regionCode);
  const asOf = input.asOf ?? today;
  const t = await reportTableOf(pool, region, asOf, today, name, options);
  await recordAudit(pool, actor, 'report.exported', { type: 'report', regionCode: region.regionCode }, { details: { report: name, asOf, regionCode: region.regionCode } });
  const buffer = await writeReportXlsx(t, { regionName: region.regionName ?? '', asOf, madeOn: today });
  return { buffer, fileName: `${region.regionName ?? ''}${t.title}-${asOf}.xlsx` };
}
