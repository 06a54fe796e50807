import { Worker, type ResourceLimits } from "node:worker_threads";
import { ExportLimitError } from "./limits.ts";

/**
 * A small pool of worker threads for CPU-heavy export work (Markdown
 * conversion, PDF compiles), so it never runs on the thread that answers
 * requests. A job that runs past its time limit is answered with a timeout and
 * its worker is terminated and replaced; the queue is bounded so a burst waits
 * instead of exhausting memory.
 *
 * The worker protocol: the pool posts `{ id, ...payload }`; the worker answers
 * `{ id, result }` or `{ id, error: { kind, message } }`. A worker that loads
 * slowly (`announcesReady`) first posts `{ ready: true }`, so its loading time
 * is not counted against the first job's time limit.
 */

/** How long a worker that announces readiness may take to load (the app's code, compiled on first use). */
const LOAD_MS = 120_000;

export type WorkerFailure = { kind: string; message: string };
type Reply<R> = { id: number; result?: R; error?: WorkerFailure };

type Job<R> = {
  id: number;
  payload: object;
  timeoutMs: number;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
};
type Slot<R> = {
  worker: Worker;
  job: Job<R> | null;
  timer: NodeJS.Timeout | null;
  ready: boolean;
  /** Set while the worker waits for work: when it fires, the worker is stopped. */
  idle: NodeJS.Timeout | null;
};

export type WorkerPoolOptions = {
  /** For messages: "PDF compiler", "Markdown converter". */
  name: string;
  file: string;
  workerData: unknown;
  size: number;
  maxQueue: number;
  resourceLimits?: ResourceLimits;
  /** The worker posts `{ ready: true }` once loaded; jobs wait for it. */
  announcesReady?: boolean;
  /** The error a worker's failure becomes. */
  failure: (f: WorkerFailure) => Error;
  /** The error for a job stopped at its time limit. */
  timeout: (timeoutMs: number) => Error;
  /**
   * A worker left without work this long is stopped, giving its memory back
   * (a PDF compiler holds a few hundred MB); the next job starts one again.
   */
  idleMs?: number;
};

export class WorkerPool<R> {
  private readonly slots: Slot<R>[] = [];
  private readonly queue: Job<R>[] = [];
  /**
   * Workers told to stop after a timeout. Termination takes effect when native
   * code returns, so they may still use a core for a while; while as many are
   * winding down as the pool has slots, new jobs are refused rather than
   * piling up.
   */
  private readonly stopping = new Set<Worker>();
  private nextId = 1;

  constructor(private readonly opts: WorkerPoolOptions) {}

  private spawn(): Slot<R> {
    const worker = new Worker(this.opts.file, {
      workerData: this.opts.workerData,
      resourceLimits: this.opts.resourceLimits,
    });
    // Idle workers must not keep a process (a test run, a CLI) alive.
    worker.unref();
    const slot: Slot<R> = { worker, job: null, timer: null, ready: !this.opts.announcesReady, idle: null };
    worker.on("message", (reply: Reply<R> | { ready: true }) => {
      if ("ready" in reply) {
        slot.ready = true;
        this.pump();
      } else this.finish(slot, reply);
    });
    worker.on("error", (err) => this.fail(slot, new Error(`The ${this.opts.name} stopped: ${err.message}`)));
    worker.on("exit", () => {
      if (this.slots.includes(slot)) this.fail(slot, new Error(`The ${this.opts.name} stopped unexpectedly.`));
    });
    if (!slot.ready) {
      // A worker that never finishes loading would leave its jobs waiting with no time limit running.
      setTimeout(() => {
        if (!slot.ready && this.slots.includes(slot))
          this.fail(slot, new Error(`The ${this.opts.name} did not start within ${LOAD_MS / 1000} seconds.`));
      }, LOAD_MS).unref();
    }
    this.slots.push(slot);
    return slot;
  }

  /** Replaces a slot's worker (after a timeout or a crash) and fails its job. */
  private fail(slot: Slot<R>, err: Error) {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    if (slot.idle) clearTimeout(slot.idle);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.job = null;
    this.stopping.add(slot.worker);
    void slot.worker.terminate().finally(() => this.stopping.delete(slot.worker));
    job?.reject(err);
    // A worker that dies while loading would die again: fail what waits instead of respawning forever.
    if (!slot.ready) for (const waiting of this.queue.splice(0)) waiting.reject(err);
    this.pump();
  }

  private finish(slot: Slot<R>, reply: Reply<R>) {
    const job = slot.job;
    if (!job || reply.id !== job.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    if (reply.error) job.reject(this.opts.failure(reply.error));
    else job.resolve(reply.result as R);
    this.pump();
  }

  private pump() {
    while (this.queue.length) {
      let slot = this.slots.find((s) => s.job === null && s.ready);
      if (!slot && this.slots.length < this.opts.size) slot = this.spawn();
      if (!slot?.ready) return;
      const job = this.queue.shift()!;
      if (slot.idle) clearTimeout(slot.idle);
      slot.idle = null;
      slot.job = job;
      slot.worker.ref();
      const busy = slot;
      busy.timer = setTimeout(() => this.fail(busy, this.opts.timeout(job.timeoutMs)), job.timeoutMs);
      busy.worker.postMessage({ ...job.payload, id: job.id });
    }
    for (const s of this.slots) {
      if (s.job !== null) continue;
      s.worker.unref();
      if (this.opts.idleMs !== undefined && s.ready && !s.idle) {
        const slot = s;
        slot.idle = setTimeout(() => this.retire(slot), this.opts.idleMs);
        slot.idle.unref();
      }
    }
  }

  /** Stops a worker that has had no work for `idleMs`; it is not a failure, so nothing is rejected. */
  private retire(slot: Slot<R>) {
    slot.idle = null;
    if (slot.job !== null) return;
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    void slot.worker.terminate();
  }

  /** Workers running now, busy or idle. */
  get workers(): number {
    return this.slots.length;
  }

  run(payload: object, timeoutMs: number): Promise<R> {
    if (this.queue.length >= this.opts.maxQueue || this.stopping.size >= this.opts.size) {
      return Promise.reject(
        new ExportLimitError("BUSY", "Too many exports are being produced right now. Try again in a minute."),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, payload, timeoutMs, resolve, reject });
      this.pump();
    });
  }
}
