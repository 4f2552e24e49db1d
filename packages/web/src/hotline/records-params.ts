import type { HotlineCall, HotlineQuery, HotlineStatus } from './types';
import { pagingFromParams, setPaging } from '../ui/page-params';

export const RECORD_PAGE_SIZES = [20, 50, 100] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The first day of `today`'s month: the table opens on the current month. */
export function monthStart(today: string): string {
  return `${today.slice(0, 7)}-01`;
}

/**
 * The table's filters live in the URL (so a link or Back keeps the view). Without dates it shows the
 * current month up to today.
 */
export function recordQueryFromParams(params: URLSearchParams, today: string): HotlineQuery {
  const from = params.get('from');
  const to = params.get('to');
  const status = params.get('status');
  const query: HotlineQuery = {
    from: from && DATE.test(from) ? from : monthStart(today),
    to: to && DATE.test(to) ? to : today,
    ...pagingFromParams(params, RECORD_PAGE_SIZES),
  };
  if (status === 'open' || status === 'closed') query.status = status satisfies HotlineStatus;
  return query;
}

export function paramsFromRecordQuery(query: HotlineQuery, today: string): URLSearchParams {
  const params = new URLSearchParams();
  if (query.from && query.from !== monthStart(today)) params.set('from', query.from);
  if (query.to && query.to !== today) params.set('to', query.to);
  if (query.status) params.set('status', query.status);
  return setPaging(params, query);
}

/**
 * Where the call's callback stands: `done` once called back; `overdue` when still open after the due
 * date (the due date itself is in time); `due` while waiting; `none` when no callback is tracked.
 */
export type CallbackState = 'done' | 'overdue' | 'due' | 'none';

export function callbackState(call: Pick<HotlineCall, 'callbackAt' | 'callbackDueOn' | 'status' | 'isCallbackOverdue'>): CallbackState {
  if (call.callbackAt) return 'done';
  if (!call.callbackDueOn || call.status === 'closed') return 'none';
  // The server judges lateness by the China date.
  return call.isCallbackOverdue ? 'overdue' : 'due';
}
