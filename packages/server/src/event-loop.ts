/**
 * Long loops on the main thread (an import's rows: checks, blind indexes, encryption) give the event
 * loop a turn every few milliseconds, so the server keeps answering while a big file is imported.
 *
 *   const slice = timeSlice();
 *   for (const row of rows) { if (slice.isOver()) await slice.next(); … }
 *
 * `isOver` is a clock read (cheap enough per row); only an expired slice awaits.
 */
export function timeSlice(ms = 8): { isOver(): boolean; next(): Promise<void> } {
  let start = performance.now();
  return {
    isOver: () => performance.now() - start >= ms,
    next: async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      start = performance.now();
    },
  };
}

/** `items.map(fn)`, giving the event loop a turn whenever the slice is over. */
export async function mapInSlices<T, U>(items: readonly T[], fn: (item: T) => U, slice = timeSlice()): Promise<U[]> {
  const out = new Array<U>(items.length);
  for (let i = 0; i < items.length; i++) {
    if (slice.isOver()) await slice.next();
    out[i] = fn(items[i]!);
  }
  return out;
}
