import { describe, expect, it } from 'vitest';
import { afterAnswer, countUnsent, nextToSend, previousOnCase, reapply } from './outbox.ts';
import type { OutboxItem } from './types.ts';

const item = (clientId: string, caseId: string | null, status: OutboxItem['status'] = 'waiting'): OutboxItem => ({
  clientId,
  kind: caseId ? 'caseEvent' : 'visitReport',
  caseId,
  label: clientId,
  body: { clientId, ...(caseId ? { expected: { step: 'homeVerification', version: 2 } } : {}) },
  status,
  createdAt: '2026-12-06T00:00:00Z',
});

describe('field outbox order', () => {
  it('sends in queue order, skipping what is sent; an item waits behind an unsent earlier item on its case, not behind other cases', () => {
    expect(nextToSend([item('a', 'c1', 'sent'), item('b', 'c1'), item('c', null)])?.clientId).toBe('b');
    expect(nextToSend([item('a', 'c1', 'conflict'), item('b', 'c1'), item('c', 'c2')])?.clientId).toBe('c');
    expect(nextToSend([item('a', 'c1', 'failed'), item('b', 'c1')])).toBeUndefined();
    expect(previousOnCase([item('a', 'c1'), item('b', 'c2'), item('c', 'c1')], 'c1')).toBe('c');
    expect(countUnsent([item('a', 'c1', 'sent'), item('b', 'c1', 'conflict'), item('c', null)])).toBe(2);
  });
});

describe("the server's answer", () => {
  it('201/200 → sent; 409 caseMovedOn → conflict with both versions; 409 outOfOrder → waits; anything else → failed with the reason', () => {
    expect(afterAnswer(item('a', 'c1'), 201, {}, 'now')).toMatchObject({ status: 'sent', sentAt: 'now' });
    expect(afterAnswer(item('a', 'c1'), 200, { replayed: true }, 'now').status).toBe('sent');
    const current = { step: 'homeVerification', version: 3, lastEvent: null };
    const conflict = afterAnswer(item('a', 'c1'), 409, { reason: 'caseMovedOn', expected: { step: 'homeVerification', version: 2 }, current, detail: '案件已有变化' }, 'now');
    expect(conflict).toMatchObject({ status: 'conflict', conflict: { expected: { version: 2 }, current } });
    expect(afterAnswer(item('a', 'c1'), 409, { reason: 'outOfOrder' }, 'now').status).toBe('waiting');
    expect(afterAnswer(item('a', 'c1'), 422, { detail: 'The signed consent is missing' }, 'now')).toMatchObject({ status: 'failed', error: 'The signed consent is missing' });
    // The refusal is kept as data, so the phone writes it in the reader's language.
    const refused = afterAnswer(item('a', 'c1'), 422, { detail: 'The photo is larger than 10 MB', reason: 'photoTooLarge', params: { maxMb: 10 } }, 'now');
    expect(refused).toMatchObject({ status: 'failed', reason: 'photoTooLarge', params: { maxMb: 10 } });
    expect(afterAnswer(refused, 201, {}, 'later')).not.toHaveProperty('reason');
  });

  it('re-applying a conflict keeps the client id and aims at the case as it is now', () => {
    const conflict = { ...item('a', 'c1', 'conflict'), body: { clientId: 'a', after: 'z', expected: { step: 'homeVerification', version: 2 } }, conflict: { expected: { step: 'homeVerification', version: 2 }, current: { step: 'homeVerification', version: 3, lastEvent: null } } };
    const again = reapply(conflict);
    expect(again).toMatchObject({ clientId: 'a', status: 'waiting', body: { clientId: 'a', expected: { step: 'homeVerification', version: 3 } } });
    expect(again.body.after).toBeUndefined();
    expect(again.conflict).toBeUndefined();
  });
});
