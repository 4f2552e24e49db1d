import { Worker } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { limitExceeded } from './import-limits.ts';
import { NotPlainCsvError } from './plain-csv.ts';
import type { FromWorker, SerializedError, TableTask, ToWorker } from './table-worker.ts';

/**
 * The table workers of this process (table-worker.ts): started when a file is first read, kept
 * for the next file (a worker takes about a second to load its parsers), at most MAX_WORKERS at once
 * (more imports wait for one). A worker runs one task at a time with a memory ceiling: a file whose
 * reading needs more is refused, and only that worker dies. Idle workers do not keep the process alive.
 */
const MAX_WORKERS = 4;
/** Batches a worker may read ahead of the main thread. */
const READ_AHEAD = 4;
/** How long a worker may take to stop a cancelled task (it stops at its next batch) before it is replaced. */
const CANCEL_TIMEOUT_MS = 30_000;

type PooledWorker = { worker: Worker; memoryMb: number };

const idle: PooledWorker[] = [];
let live = 0;
const waiting: (() => void)[] = [];
let nextTaskId = 0;

function startWorker(memoryMb: number): PooledWorker {
  const worker = new Worker(new URL('./table-worker-boot.mjs', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
  live++;
  worker.once('exit', () => {
    live--;
    const i = idle.findIndex((p) => p.worker === worker);
    if (i >= 0) idle.splice(i, 1);
    waiting.shift()?.();
  });
  // An idle worker's failure is seen by the next task's listeners; until then it must not crash the process.
  worker.on('error', () => undefined);
  return { worker, memoryMb };
}

async function acquire(memoryMb: number): Promise<PooledWorker> {
  for (;;) {
    const i = idle.findIndex((p) => p.memoryMb === memoryMb);
    if (i >= 0) {
      const [pooled] = idle.splice(i, 1);
      pooled!.worker.ref();
      return pooled!;
    }
    if (idle.length > 0 && live >= MAX_WORKERS) void idle.shift()!.worker.terminate(); // another memory ceiling: make room
    if (live < MAX_WORKERS) return startWorker(memoryMb);
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
}

function release(pooled: PooledWorker): void {
  pooled.worker.unref();
  idle.push(pooled);
  waiting.shift()?.();
}

function deserialize(error: SerializedError): Error {
  if (error.isNotPlainCsv) return new NotPlainCsvError(error.message);
  if (error.code) return new AppError(error.code as ConstructorParameters<typeof AppError>[0], error.message, { field: error.field, row: error.row, reason: error.reason, params: error.params, extra: error.extra });
  return new Error(error.message);
}

type Streamed = Extract<FromWorker, { type: 'rows' | 'lines' }>;

/**
 * Runs `task` on a table worker and yields what it streams (rows or lines, in order); returns the
 * task's result. Stopping early (`return()`, or a throw in the consumer) cancels the task; the
 * worker goes back to the pool once it has stopped.
 */
export async function* runTableTask(task: TableTask, memoryMb: number): AsyncGenerator<Streamed, unknown> {
  const pooled = await acquire(memoryMb);
  const { worker } = pooled;
  const id = ++nextTaskId;
  const queue: FromWorker[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const onMessage = (message: FromWorker) => {
    if (message.id !== id) return;
    queue.push(message);
    notify();
  };
  const onError = (error: Error & { code?: string }) => {
    failure =
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? limitExceeded('workerMemoryMb', memoryMb, {})
        : error;
    notify();
  };
  const onExit = (code: number) => {
    failure ??= new Error(`The file reader stopped unexpectedly (exit code ${code})`);
    notify();
  };
  worker.on('message', onMessage);
  worker.on('error', onError);
  worker.on('exit', onExit);
  let isSettled = false;
  try {
    worker.postMessage({ type: 'start', id, task, credits: READ_AHEAD } satisfies ToWorker);
    for (;;) {
      while (queue.length === 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift();
      if (!message) throw failure!;
      if (message.type === 'done') {
        isSettled = true;
        return message.result;
      }
      if (message.type === 'error') {
        isSettled = true;
        throw deserialize(message.error);
      }
      yield message;
      worker.postMessage({ type: 'pull', id } satisfies ToWorker);
      // One batch per turn of the event loop. Node delivers up to 1,000 queued messages in one go,
      // and the worker refills the queue as fast as batches are taken: without this turn, a fast
      // file kept the loop (and every other request) waiting for seconds.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    worker.off('message', onMessage);
    worker.off('error', onError);
    worker.off('exit', onExit);
    if (failure) {
      void worker.terminate();
    } else if (isSettled) {
      release(pooled);
    } else if (queue.some((m) => m.type === 'done' || m.type === 'error')) {
      // Stopped early, but the task had already ended: its last message came in before the consumer
      // stopped (waiting for it to come again held the worker for good; four such and every import waited).
      release(pooled);
    } else {
      // Stopped early: the worker finishes the task's current step, says so, then serves the next file.
      // One that does not say so in time is replaced, so the pool never runs out of workers.
      const timer = setTimeout(() => {
        worker.off('message', onStopped);
        void worker.terminate();
      }, CANCEL_TIMEOUT_MS);
      timer.unref();
      const onStopped = (message: FromWorker) => {
        if (message.id !== id || (message.type !== 'done' && message.type !== 'error')) return;
        clearTimeout(timer);
        worker.off('message', onStopped);
        release(pooled);
      };
      worker.on('message', onStopped);
      worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
    }
  }
}

/** Runs a task that streams nothing (a hash, a count) and returns its result. */
export async function runTableQuery<T>(task: TableTask, memoryMb: number): Promise<T> {
  const run = runTableTask(task, memoryMb);
  for (;;) {
    const step = await run.next();
    if (step.done) return step.value as T;
  }
}
