import type { HotlineCall, HotlineQuery, HotlineStatus } from './types';

export const RECORD_PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function positiveInt(value: string | null, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/** The first day of `today`'s month: the table opens on the current month. */
export function monthStart(today: string): string {
  return `${today.slice(0, 7)}-01`;
}

/**
 * The table's filters live in the URL (so a link or Back keeps the view). Without dates it shows the
 * current month up to today.
 */
export function recordQueryFromParams(params: URLSearchParams, today: string): HotlineQuery {
  const pageSize = positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE);
  const from = params.get('from');
  const to = params.get('to');
  const status = params.get('status');
  const query: HotlineQuery = {
    from: from && DATE.test(from) ? from : monthStart(today),
    to: to && DATE.test(to) ? to : today,
    page: positiveInt(params.get('page'), 1),
    pageSize: (RECORD_PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
  if (status === 'open' || status === 'closed') query.status = status satisfies HotlineStatus;
  return query;
}

export function paramsFromRecordQuery(query: HotlineQuery, today: string): URLSearchParams {
  const params = new URLSearchParams();
  if (query.from && query.from !== monthStart(today)) params.set('from', query.from);
  if (query.to && query.to !== today) params.set('to', query.to);
  if (query.status) params.set('status', query.status);
  if (query.page > 1) params.set('page', String(query.page));
  if (query.pageSize !== DEFAULT_PAGE_SIZE) params.set('pageSize', String(query.pageSize));
  return params;
}

/**
 * Where the call's callback stands: `done` once called back; `overdue` when still open after the due
 * date (the due date itself is in time); `due` while waiting; `none` when no callback is tracked.
 */
export type CallbackState = 'done' | 'overdue' | 'due' | 'none';

export function callbackState(
  call: Pick<HotlineCall, 'callbackAt' | 'callbackDueOn' | 'status' | 'isCallbackOverdue'>,
  today: string,
): CallbackState {
  if (call.callbackAt) return 'done';
  if (!call.callbackDueOn || call.status === 'closed') return 'none';
  // The server knows the China date; the browser's own date is the fallback.
  if (call.isCallbackOverdue !== undefined) return call.isCallbackOverdue ? 'overdue' : 'due';
  return call.callbackDueOn < today ? 'overdue' : 'due';
}
