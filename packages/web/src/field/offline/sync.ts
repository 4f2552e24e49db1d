import { afterAnswer, nextToSend } from './outbox.ts';
import { getSealed, putSealed } from './store.ts';
import type { FieldSnapshot, OutboxItem } from './types.ts';

/**
 * Raised when the server says the sign-in is over (401). Expired: the user signs in again and
 * nothing on the phone is dropped. `revoked` (reason `sessionRevoked`): a county admin signed this
 * device out — the app wipes everything it keeps at once (docs/field-app.md "A phone left behind — threat model").
 */
export class SessionEnded extends Error {
  constructor(readonly revoked: boolean) {
    super(revoked ? 'sessionRevoked' : 'sessionEnded');
  }
}

async function sessionEnded(response: Response): Promise<SessionEnded> {
  const body = (await response.json().catch(() => ({}))) as { reason?: unknown };
  return new SessionEnded(body.reason === 'sessionRevoked');
}

export async function loadOutbox(): Promise<OutboxItem[]> {
  return (await getSealed<OutboxItem[]>('outbox')) ?? [];
}

export async function saveOutbox(items: OutboxItem[]): Promise<void> {
  await putSealed('outbox', items);
}

/**
 * Sends what is waiting, one item at a time (offline/outbox.ts decides which), storing each answer
 * before the next send. Stops at the first network failure (the rest waits for the next try);
 * `reachable` says whether the server answered (a phone can say it is online and reach nothing).
 */
export async function sendOutbox(onChange: (items: OutboxItem[]) => void): Promise<{ items: OutboxItem[]; reachable: boolean }> {
  let items = await loadOutbox();
  for (;;) {
    const item = nextToSend(items);
    if (!item) break;
    let response: Response;
    try {
      response = await fetch('/api/field/actions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(item.body), credentials: 'same-origin' });
    } catch {
      return { items, reachable: false };
    }
    if (response.status === 401) throw await sessionEnded(response);
    const body: unknown = await response.json().catch(() => ({}));
    const updated = afterAnswer(item, response.status, body, new Date().toISOString());
    items = items.map((i) => (i.clientId === item.clientId ? updated : i));
    await saveOutbox(items);
    onChange(items);
    // An item sent back to waiting (out of order) is not retried in this round.
    if (updated.status === 'waiting') break;
  }
  return { items, reachable: true };
}

/** Fetches what the phone keeps for the user's villages and stores it sealed; `reachable` false when the network failed. */
export async function refreshSnapshot(): Promise<{ snapshot: FieldSnapshot | null; reachable: boolean }> {
  let response: Response;
  try {
    response = await fetch('/api/field/snapshot', { credentials: 'same-origin' });
  } catch {
    return { snapshot: null, reachable: false };
  }
  if (response.status === 401) throw await sessionEnded(response);
  if (!response.ok) return { snapshot: null, reachable: true };
  const snapshot = (await response.json()) as FieldSnapshot;
  await putSealed('snapshot', snapshot);
  return { snapshot, reachable: true };
}
