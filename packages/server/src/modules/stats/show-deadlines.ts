import {
  DEADLINE_ACTORS,
  DEADLINE_KINDS,
  DUE_SOON_DAYS,
  ELIMINATION_STEPS,
  ELIMINATION_TRANSITIONS,
  WARNING_HANDLERS,
  diffCalendarDays,
  eliminationRolesFor,
  identificationRolesFor,
  isRole,
  isWarningStatus,
  type Actor,
  type DeadlineItem,
  type DeadlineKind,
  type DeadlineStatus,
  type Deadlines,
  type EliminationStep,
  type IdentificationStep,
  type RuleSet,
} from '@fangpin/domain';
import { readAll, type Tx } from '../../db/client.ts';
import { ruleSetInForce } from '../rules/rule-set-in-force.ts';
import { deadlineCounts, deadlinePage, type DeadlineRow, type DeadlineWhere } from './deadlines-repo.ts';
import { regionVisitIntervals, resolveStatsRegion } from './show-overview.ts';

/** Rows per page of the board. */
export const DEADLINES_PAGE_SIZE = 50;

/** Steps of a risk-elimination case that still move (not final, and not the eliminated state, which only rolls back). */
const OPEN_ELIMINATION_STEPS = ELIMINATION_STEPS.filter((s) => s !== 'eliminated' && ELIMINATION_TRANSITIONS[s].length > 0);

/** The notice level of each county on the page (who publishes the notice), read once per county. */
async function noticeLevels(tx: Tx, rows: readonly DeadlineRow[], today: string): Promise<Map<string, RuleSet['noticeLevel']>> {
  const out = new Map<string, RuleSet['noticeLevel']>();
  for (const county of new Set(rows.filter((r) => r.step === 'publicNotice').map((r) => r.countyCode))) {
    try {
      out.set(county, (await ruleSetInForce(tx, county, today)).noticeLevel);
    } catch {
      // No rule set in force: the national rule (the village publishes the notice).
    }
  }
  return out;
}

/** Who must act on a row (docs/statistics.md "Deadline board"): the workflow's tables, never a guess. */
function rolesOf(r: DeadlineRow, noticeLevel: RuleSet['noticeLevel']): string[] {
  const ruleSet = { noticeLevel };
  const roles: readonly string[] =
    r.kind === 'identification'
      ? identificationRolesFor(r.step as IdentificationStep, ruleSet)
      : r.kind === 'elimination'
        ? eliminationRolesFor(r.step as EliminationStep, ruleSet)
        : r.kind === 'warning'
          ? r.step && isWarningStatus(r.step)
            ? WARNING_HANDLERS[r.step]
            : []
          : DEADLINE_ACTORS[r.kind];
  // `system` (the automatic assessment) is no one to call.
  return roles.filter(isRole);
}

/** The page of the web app where the deadline is met. */
function linkOf(r: DeadlineRow): string {
  switch (r.kind) {
    case 'identification':
      return `/cases/${r.refId}`;
    case 'elimination':
      return `/eliminations/${r.refId}`;
    case 'helperAssignment':
    case 'helperVisit':
      return `/households/${r.householdId}`;
    case 'callback':
      return `/hotline/records?${new URLSearchParams({ from: r.refDate ?? '', to: r.refDate ?? '', status: 'open' }).toString()}`;
    case 'warning':
      return `/warnings?${new URLSearchParams({ ...(r.householdId ? { householdId: r.householdId } : {}), ...(r.step ? { status: r.step } : {}) }).toString()}`;
  }
}

/**
 * The deadline board (期限看板; docs/statistics.md "Deadline board"): every open deadline of the
 * region — identification cases (step limit or the 15-day limit, the nearer), elimination steps,
 * helper assignment (working days on the official calendar), helper visits, hotline callbacks and
 * warnings to dispatch or verify — soonest first, with who must act and where. Scoped as the
 * overview (`stats.read`; a region outside the actor's is not found); counted on `today`.
 */
export async function showDeadlines(
  tx: Tx,
  actor: Actor | null,
  today: string,
  input: { regionCode?: string | undefined; kind?: DeadlineKind | undefined; status?: DeadlineStatus | undefined; page?: number | undefined },
): Promise<Deadlines> {
  const region = await resolveStatsRegion(tx, actor, input.regionCode);
  const status = input.status ?? 'all';
  const page = input.page ?? 1;
  const w: DeadlineWhere = {
    scope: region.scope,
    prefix: region.prefix,
    today,
    dueSoonDays: DUE_SOON_DAYS,
    openEliminationSteps: OPEN_ELIMINATION_STEPS,
    visitIntervals: await regionVisitIntervals(tx, region, today),
  };
  const [counted, rows] = await readAll(tx, [
    () => deadlineCounts(tx, w),
    () => deadlinePage(tx, w, { kind: input.kind, status, limit: DEADLINES_PAGE_SIZE, offset: (page - 1) * DEADLINES_PAGE_SIZE }),
  ]);
  const byKind = Object.fromEntries(
    DEADLINE_KINDS.map((kind) => {
      const c = counted.find((r) => r.kind === kind);
      return [kind, { overdue: c?.overdue ?? 0, dueSoon: c?.dueSoon ?? 0, all: c?.all ?? 0 }];
    }),
  ) as Deadlines['counts']['byKind'];
  const sum = (key: 'overdue' | 'dueSoon' | 'all') => Object.values(byKind).reduce((n, c) => n + c[key], 0);
  const levels = await noticeLevels(tx, rows, today);
  const items: DeadlineItem[] = rows.map((r) => {
    const daysLeft = diffCalendarDays(today, r.dueOn);
    return {
      kind: r.kind,
      refId: r.refId,
      task: r.task as DeadlineItem['task'],
      step: r.kind === 'warning' ? null : r.step,
      caseNumber: r.caseNumber,
      householdId: r.householdId,
      headName: r.headName,
      villageName: r.villageName,
      townshipName: r.townshipName,
      regionCode: r.regionCode,
      dueOn: r.dueOn,
      daysLeft,
      status: daysLeft < 0 ? 'overdue' : daysLeft <= DUE_SOON_DAYS ? 'dueSoon' : 'later',
      roles: rolesOf(r, levels.get(r.countyCode) ?? 'village'),
      person: r.person,
      link: linkOf(r),
    };
  });
  const counts = { overdue: sum('overdue'), dueSoon: sum('dueSoon'), all: sum('all'), byKind };
  const scoped = input.kind ? byKind[input.kind] : counts;
  return {
    today,
    regionCode: region.regionCode,
    regionName: region.regionName,
    kind: input.kind ?? null,
    status,
    counts,
    total: scoped[status],
    page,
    pageSize: DEADLINES_PAGE_SIZE,
    items,
  };
}
