import type { ProblemParams, ProblemReason } from '@fangpin/domain';
import type { CaseNow, OutboxItem } from './types.ts';

/**
 * The outbox's rules, pure (offline/sync.ts does the I/O). Items are sent one at a time in the
 * order they were queued; an item on a case waits while an earlier item on the same case is not
 * sent (in conflict, failed or still waiting), so the server never sees them out of order.
 */
export function nextToSend(items: readonly OutboxItem[]): OutboxItem | undefined {
  const blocked = new Set<string>();
  for (const item of items) {
    if (item.status === 'sent') continue;
    if (item.caseId && blocked.has(item.caseId)) continue;
    if (item.status === 'waiting') return item;
    if (item.caseId) blocked.add(item.caseId);
  }
  return undefined;
}

/** The client id of the last item queued on `caseId` that is not discarded: the new item's `after`. */
export function previousOnCase(items: readonly OutboxItem[], caseId: string): string | undefined {
  return items.findLast((i) => i.caseId === caseId)?.clientId;
}

/** What the server's answer makes of an item. */
export function afterAnswer(item: OutboxItem, status: number, body: unknown, now: string): OutboxItem {
  const b = (body ?? {}) as { reason?: ProblemReason; params?: ProblemParams; detail?: string; expected?: { step: string; version: number }; current?: CaseNow };
  const { error: _e, conflict: _c, reason: _r, params: _p, ...rest } = item;
  if (status === 200 || status === 201) return { ...rest, status: 'sent', sentAt: now };
  const why = { ...(b.reason ? { reason: b.reason } : {}), ...(b.params ? { params: b.params } : {}) };
  if (status === 409 && b.reason === 'caseMovedOn' && b.current && b.expected) return { ...rest, ...why, status: 'conflict', conflict: { expected: b.expected, current: b.current }, error: b.detail ?? '' };
  // An earlier item on the case has not arrived: it stays waiting and goes first next time.
  if (status === 409 && b.reason === 'outOfOrder') return { ...rest, ...why, status: 'waiting', error: b.detail ?? '' };
  return { ...rest, ...why, status: 'failed', error: b.detail ?? `HTTP ${status}` };
}

/** The user re-applies a conflicting item to the case as it is now: same client id (nothing of it was applied), new expected state. */
export function reapply(item: OutboxItem): OutboxItem {
  if (!item.conflict) return item;
  const { conflict, error: _e, reason: _r, params: _p, ...rest } = item;
  const { after: _a, ...body } = item.body;
  return { ...rest, status: 'waiting', body: { ...body, expected: { step: conflict.current.step, version: conflict.current.version } } };
}

export function countUnsent(items: readonly OutboxItem[]): number {
  return items.filter((i) => i.status !== 'sent').length;
}
