// Entry point of the table worker thread (table-worker-pool.ts). Internal packages export TypeScript
// source (docs/ARCHITECTURE.md "Shape") and a worker thread does not inherit the main thread's loader, so the
// worker registers tsx's loader itself, as bin/fangpin.mjs does for the process, then runs the worker.
import { register } from 'tsx/esm/api';

register();
await import('./table-worker.ts');
