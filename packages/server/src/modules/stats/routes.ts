import { isIsoDate } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { requireActor } from '../../http/session.ts';
import { exportReport, REPORT_NAMES } from './report-tables.ts';
import { showOverview } from './show-overview.ts';

export const AsOfDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(isIsoDate, 'not a calendar date / 不是有效日期');

const Count = z.object({ households: z.number(), persons: z.number() });

/** `GET /api/stats/overview` (automation contract of issue 14; definitions in docs/statistics.md). */
export const OverviewSchema = z
  .object({
    asOf: z.string(),
    regionCode: z.string().nullable(),
    regionName: z.string().nullable(),
    monitoring: z.object({
      households: z.number(),
      persons: z.number(),
      byCategory: z.record(z.string(), Count),
      byRiskType: z.record(z.string(), Count),
      byStatus: z.record(z.string(), Count),
      byRegion: z.array(Count.extend({ code: z.string(), name: z.string() })),
    }),
    trend: z.array(z.object({ month: z.string(), identified: z.number(), eliminated: z.number() })),
    funnel: z.array(
      z.object({ channel: z.string(), reports: z.number(), clues: z.number(), cases: z.number(), identifiedHouseholds: z.number(), identifiedPersons: z.number(), screenedOut: z.number() }),
    ),
    openCases: z.object({ total: z.number(), byStep: z.record(z.string(), z.number()), overdue: z.number(), dueSoon: z.number(), today: z.string() }),
    helpers: z.object({ assignedOnTime: z.number(), assignedLate: z.number(), unassigned: z.number() }),
    coverage: z.object({ uncoveredRisks: z.number(), uncoveredHouseholds: z.number() }),
    warnings: z.object({ bySource: z.record(z.string(), z.number()), byStatus: z.record(z.string(), z.number()) }),
  })
  .meta({ id: 'StatsOverview' });

export function statsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/stats/overview',
      {
        schema: {
          tags: ['stats'],
          summary: "Statistics of a region as of a date (统计分析): monitoring objects, funnel, open cases, helpers, coverage, warnings (docs/statistics.md). Default: the actor's region, today",
          querystring: z.object({ regionCode: z.string().max(15).optional(), asOf: AsOfDate.optional() }),
          response: { 200: OverviewSchema },
        },
      },
      async (request) => showOverview(deps.pool, requireActor(request), localDate(deps.now()), request.query),
    );
    app.get(
      '/reports/:name',
      {
        schema: {
          tags: ['stats'],
          summary:
            'A standard report table (报表) as XLSX — `monitoring-objects.xlsx` 监测对象情况统计表, `measures.xlsx` 帮扶措施落实情况表, `eliminations.xlsx` 风险消除情况表, `hotline.xlsx` 热线来电情况统计表 — for a region and date, with the merged two-level header and title, unit, region and date lines; audited',
          params: z.object({ name: z.enum(REPORT_NAMES.map((n) => `${n}.xlsx`) as [string, ...string[]]) }),
          querystring: z.object({ regionCode: z.string().max(15).optional(), asOf: AsOfDate.optional() }),
        },
      },
      async (request, reply) => {
        const name = request.params.name.replace(/\.xlsx$/, '') as (typeof REPORT_NAMES)[number];
        const { buffer, fileName } = await exportReport(deps.pool, requireActor(request), localDate(deps.now()), name, request.query);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
          .send(buffer);
      },
    );
  };
}
