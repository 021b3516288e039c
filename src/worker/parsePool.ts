// Feed documents are parsed and normalized on worker threads: the work is CPU-bound and synchronous, so on
// the main thread it stalls every other source's fetch, and it uses one core of several. The pool also
// bounds how many documents are being parsed at once (memory), and a document that is still parsing when
// its source's deadline passes is stopped by ending its thread, which the main thread could not do.

import { existsSync } from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { FeedJob, FeedJobResult } from "./feedJob.js";

export interface ParsePool {
  /** Parser threads in use; 0 when jobs run in-process (one at a time). */
  readonly threads: number;
  run(job: FeedJob, signal?: AbortSignal): Promise<FeedJobResult>;
  /** Ends the threads; jobs still queued are rejected. */
  close(): Promise<void>;
}

/**
 * Threads when nothing says otherwise: none up to 2 cores, else one per core but one, at most 4. On the
 * 2-core bench machine threads cost 15-45% more CPU and 10-20% more memory (every thread grows its own
 * heap, and concurrent GC competes for the same two cores) without shortening the build.
 */
export function defaultParseThreads(
  env: NodeJS.ProcessEnv = process.env,
  cores: number = os.availableParallelism(),
): number {
  const raw = env.CRIER_PARSE_THREADS;
  if (raw !== undefined && raw.trim() !== "") {
    const n = Number(raw);
    if (Number.isInteger(n) && n >= 0 && n <= 64) return n;
    throw new Error(`CRIER_PARSE_THREADS must be an integer from 0 to 64, got "${raw}"`);
  }
  return cores <= 2 ? 0 : Math.min(4, cores - 1);
}

const THREAD_FILE = fileURLToPath(new URL("./parseThread.js", import.meta.url));

// Young generation: parsing allocates many short-lived objects; a larger nursery means fewer scavenges.
// Old generation: a cap, so a document that parses into a huge tree ends its thread, not the process.
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 1024 };

interface Pending {
  id: number;
  job: FeedJob;
  resolve: (result: FeedJobResult) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

interface Slot {
  worker: Worker;
  current: Pending | null;
}

/**
 * A pool of `threads` parser threads, started on first use (a build where every source answers 304 starts
 * none). With 0 threads, or when the compiled thread entry is missing (running from TypeScript sources),
 * jobs run in-process, one at a time.
 */
export function createParsePool(threads: number): ParsePool {
  if (threads <= 0 || !existsSync(THREAD_FILE)) return inProcessPool();
  const slots: Slot[] = [];
  const queue: Pending[] = [];
  let nextId = 1;
  let closed = false;

  const settle = (pending: Pending) => {
    if (pending.onAbort) pending.signal?.removeEventListener("abort", pending.onAbort);
  };

  const spawn = (): Slot => {
    // A thread's stdout would join crier's --json output: whatever a library prints there goes to stderr.
    const worker = new Worker(THREAD_FILE, { resourceLimits: RESOURCE_LIMITS, stdout: true });
    worker.stdout.pipe(process.stderr, { end: false });
    const slot: Slot = { worker, current: null };
    worker.on(
      "message",
      (message: { id: number; result?: FeedJobResult; error?: { name: string; message: string } }) => {
        const pending = slot.current;
        if (!pending || pending.id !== message.id) return;
        slot.current = null;
        settle(pending);
        if (message.error)
          pending.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
        else pending.resolve(message.result!);
        dispatch();
      },
    );
    const lost = (reason: string) => {
      const index = slots.indexOf(slot);
      if (index === -1) return;
      slots.splice(index, 1);
      const pending = slot.current;
      slot.current = null;
      if (pending) {
        settle(pending);
        pending.reject(new Error(`the parser thread stopped while parsing this document (${reason})`));
      }
      dispatch();
    };
    worker.on("error", (error) => lost(error.message));
    worker.on("exit", (code) => lost(`exit code ${code}`));
    slots.push(slot);
    return slot;
  };

  const dispatch = () => {
    while (!closed && queue.length > 0) {
      const slot = slots.find((s) => s.current === null) ?? (slots.length < threads ? spawn() : null);
      if (!slot) return;
      const pending = queue.shift()!;
      slot.current = pending;
      const body = pending.job.body;
      slot.worker.postMessage({ id: pending.id, job: pending.job }, [body.buffer as ArrayBuffer]);
    }
  };

  return {
    threads,
    run(job, signal) {
      if (closed) return Promise.reject(new Error("parser pool is closed"));
      signal?.throwIfAborted();
      return new Promise<FeedJobResult>((resolve, reject) => {
        // The body moves to the thread: copy it into a buffer of its own (a fetched Buffer may share one).
        const pending: Pending = {
          id: nextId++,
          job: { ...job, body: new Uint8Array(job.body) },
          resolve,
          reject,
          signal,
        };
        if (signal) {
          pending.onAbort = () => {
            const queued = queue.indexOf(pending);
            if (queued !== -1) queue.splice(queued, 1);
            const slot = slots.find((s) => s.current === pending);
            if (slot) {
              // Stop the parse: the thread ends and a fresh one takes the next job.
              slot.current = null;
              slots.splice(slots.indexOf(slot), 1);
              void slot.worker.terminate();
            }
            settle(pending);
            reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
            dispatch();
          };
          signal.addEventListener("abort", pending.onAbort, { once: true });
        }
        queue.push(pending);
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) {
        settle(pending);
        pending.reject(new Error("parser pool closed"));
      }
      const ending = slots.splice(0).map((slot) => slot.worker.terminate());
      await Promise.all(ending);
    },
  };
}

/** Jobs in this process, one at a time: parsing is synchronous, so more would only hold more memory. */
function inProcessPool(): ParsePool {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    threads: 0,
    run(job, signal) {
      const result = tail.then(async () => {
        signal?.throwIfAborted();
        // Loaded on first use: a build whose sources all answer 304 never loads the parsers.
        const { runFeedJob } = await import("./feedJob.js");
        return runFeedJob(job);
      });
      tail = result.catch(() => {});
      return result;
    },
    async close() {
      await tail;
    },
  };
}
