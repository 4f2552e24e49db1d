/**
 * Server test setup: a query sent on a client (a transaction's PoolClient) while its previous query
 * has not answered fails the test. pg 8 queues such a query with a DeprecationWarning printed once
 * per process ("Calling client.query() when the client is already executing a query"); pg 9 removes
 * the queue. `Promise.all` over one PoolClient is the usual way to do it by accident: use the Pool
 * for parallel reads outside a transaction, and sequential awaits inside one (docs/testing.md).
 *
 * Counted per client at the level callers see: a query is in flight from the call until its promise
 * settles. Callback-style and streaming (COPY) queries are not counted.
 */
import pg from 'pg';
import { afterEach } from 'vitest';

type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const inFlight = new WeakMap<pg.Client, number>();
// eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with the client as `this` (below)
const original = pg.Client.prototype.query as unknown as Query;
const overlaps: string[] = [];

function guardedQuery(this: pg.Client, ...args: unknown[]): unknown {
  // Recorded, not thrown: a throw would change the code's own error paths (a ROLLBACK in a catch).
  if ((inFlight.get(this) ?? 0) > 0) overlaps.push(new Error('overlapping query').stack ?? '');
  const result = original.apply(this, args);
  if (!(result instanceof Promise)) return result;
  inFlight.set(this, (inFlight.get(this) ?? 0) + 1);
  return result.finally(() => inFlight.set(this, (inFlight.get(this) ?? 1) - 1));
}

(pg.Client.prototype as unknown as { query: Query }).query = guardedQuery;

/** The overlaps seen since the last call (and forgets them): for the guard's own test. */
export function takeOverlaps(): string[] {
  return overlaps.splice(0);
}

afterEach(() => {
  if (overlaps.length === 0) return;
  const first = overlaps[0]!;
  const count = overlaps.length;
  overlaps.length = 0;
  throw new Error(`${count} quer${count === 1 ? 'y was' : 'ies were'} sent on a client whose previous query had not answered (Promise.all over one PoolClient?): run them one after the other, or on the Pool. First at:\n${first}`);
});
