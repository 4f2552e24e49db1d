/**
 * Whether a file may hold the same settlement twice (same person, date and amount), known while
 * it is read: each accepted row leaves a 64-bit fingerprint (from its blind index, date and amount)
 * in an open-addressing table of typed arrays, a few bytes per row. A repeated fingerprint means
 * "maybe a duplicate" and the import then deduplicates in SQL, as always; no repeat (the usual
 * case) lets it add a household's rows up directly. A false "maybe" costs time, never correctness.
 */
export class SettlementFingerprints {
  private hi = new Uint32Array(1 << 16);
  private lo = new Uint32Array(1 << 16);
  private size = 0;
  /** True once two rows had the same fingerprint. */
  mayHaveDuplicates = false;

  add(index: Buffer, eventDate: string | null, amountFen: number | null): void {
    if (this.mayHaveDuplicates) return;
    if (eventDate === null || amountFen === null) {
      this.mayHaveDuplicates = true; // not a settlement as the rule counts it: let SQL decide
      return;
    }
    const day = Number(eventDate.slice(0, 4)) * 372 + Number(eventDate.slice(5, 7)) * 31 + Number(eventDate.slice(8, 10));
    // The blind index is an HMAC: its bytes are already uniformly spread.
    const hi = (index.readUInt32LE(0) ^ Math.imul(day, 0x9e3779b1)) >>> 0;
    const lo = ((index.readUInt32LE(4) ^ Math.imul(amountFen | 0, 0x85ebca6b) ^ Math.floor(amountFen / 4294967296)) | 1) >>> 0;
    if (!this.insert(hi, lo)) this.mayHaveDuplicates = true;
    else if (++this.size * 2 > this.hi.length) this.grow();
  }

  /** False when the fingerprint is already there. `lo` is never 0: 0 marks an empty slot. */
  private insert(hi: number, lo: number): boolean {
    const mask = this.hi.length - 1;
    for (let slot = hi & mask; ; slot = (slot + 1) & mask) {
      if (this.lo[slot] === 0) {
        this.hi[slot] = hi;
        this.lo[slot] = lo;
        return true;
      }
      if (this.hi[slot] === hi && this.lo[slot] === lo) return false;
    }
  }

  private grow(): void {
    const { hi, lo } = this;
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(lo.length * 2);
    for (let i = 0; i < hi.length; i++) if (lo[i] !== 0) this.insert(hi[i]!, lo[i]!);
  }
}
