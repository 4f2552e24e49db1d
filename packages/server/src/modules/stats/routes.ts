import { DeadlinesQuerySchema, DeadlinesSchema, OverviewSchema, ReportParamsSchema, StatsQuerySchema, type ReportName } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { requireActor } from '../../http/session.ts';
import { exportReport } from './report-tables.ts';
import { showDeadlines } from './show-deadlines.ts';
import { showOverview } from './show-overview.ts';

export function statsRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/stats/overview',
      {
        schema: {
          tags: ['stats'],
          summary: "Statistics of a region as of a date (统计分析): monitoring objects, funnel, open cases, helpers, coverage, warnings (docs/statistics.md). Default: the actor's region, today",
          querystring: StatsQuerySchema,
          response: { 200: OverviewSchema },
        },
      },
      async (request) => showOverview(deps.pool, requireActor(request), localDate(deps.now()), request.query),
    );
    /** The deadline board (期限看板, docs/statistics.md "Deadline board"): counted on today, scoped as the overview. */
    const deadlines = {
      tags: ['stats'],
      summary:
        "The deadline board (期限看板): every open deadline of a region — identification cases (step limit or the 15-day limit), elimination steps, helper assignment, helper visits, hotline callbacks, warnings to dispatch or verify — soonest first, with who must act and the page where it is done. Default: the actor's region, every kind, status all",
      querystring: DeadlinesQuerySchema,
      response: { 200: DeadlinesSchema },
    };
    app.get('/stats/deadlines', { schema: deadlines }, async (request) => showDeadlines(deps.pool, requireActor(request), localDate(deps.now()), request.query));
    app.get(
      '/reports/:name',
      {
        schema: {
          tags: ['stats'],
          summary:
            'A standard report table (报表) as XLSX — `monitoring-objects.xlsx` 监测对象情况统计表, `measures.xlsx` 帮扶措施落实情况表, `eliminations.xlsx` 风险消除情况表, `hotline.xlsx` 热线来电情况统计表 — for a region and date, with the merged two-level header and title, unit, region and date lines; audited',
          params: ReportParamsSchema,
          querystring: StatsQuerySchema,
        },
      },
      async (request, reply) => {
        const name = request.params.name.replace(/\.xlsx$/, '') as ReportName;
        const { buffer, fileName } = await exportReport(deps.pool, requireActor(request), localDate(deps.now()), name, request.query);
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
          .send(buffer);
      },
    );
  };
}
