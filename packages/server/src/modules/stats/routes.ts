import { isIsoDate } from '@fangpin/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { localDate } from '../../clock.ts';
import type { AppDeps } from '../../context.ts';
import { requireActor } from '../../http/session.ts';
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
  };
}
