import path from "node:path";
import { Worker } from "node:worker_threads";
import { DomainError, type DomainErrorCode } from "../errors.ts";
import { streamBody, type StreamOutcomes } from "../http/stream-body.ts";
import type { ExportEventsInput } from "../schemas/event.ts";
import type { Actor } from "../services/access/index.ts";
import { EXPORT_LIMITS } from "./limits.ts";

/**
 * The chronology's CSV/JSON downloads are written in a worker thread of their
 * own (chronology-worker.mjs), not on the thread that answers requests:
 *
 * - **Flat memory.** Writing 100,000 events allocates gigabytes of short-lived
 *   rows and strings. On the request thread V8 let that garbage grow the whole
 *   server's heap by 500–700 MB before collecting it, although the export
 *   itself never holds more than a page. The worker's heap has a small limit
 *   of its own, so its garbage is collected within it and the server's
 *   resident memory stays where it was, whatever the export's size.
 * - **Requests keep their thread.** Turning rows into CSV or JSON is CPU work
 *   that no longer delays the other requests of a busy server.
 *
 * The request's thread checks the sign-in and the options; the worker reads
 * pages (re-checking access before each) and hands back one chunk each time
 * the response has taken the previous one, so a slow client slows the reads.
 * A refusal before the first byte (no access, a bad date) comes back as the
 * same DomainError the service raised, so the route still answers 4xx. If the
 * worker dies, every download it was writing is cut, never ended as complete,
 * and the next export starts a new worker.
 */

const workerFile = path.join(process.cwd(), "server/export/chronology-worker.mjs");

/** Downloads written at once by one server; more are refused with 429 rather than queued in memory. */
export const MAX_CHRONOLOGY_EXPORTS = 8;
/** Of those, one person's: a few downloads left open (or never read) must not take every place. */
export const MAX_CHRONOLOGY_EXPORTS_PER_USER = 3;
/** The worker's heap: ample for a few pages of several exports, small enough to keep the server's memory flat. */
const WORKER_HEAP_MB = 256;

/** What a download that failed for no fault of the caller's says, from either thread. */
export const EXPORT_FAILED_MESSAGE = "The export could not be produced. Please try again.";

export type ExportFailure =
  | { kind: "domain"; code: DomainErrorCode; message: string }
  | { kind: "unavailable"; message: string }
  | { kind: "failed"; message: string };

export type ToExporter =
  | {
      type: "start";
      id: number;
      actor: Actor;
      format: ExportEventsInput["format"];
      input: Omit<ExportEventsInput, "format">;
      filters: Record<string, string>;
    }
  | { type: "pull"; id: number }
  | { type: "cancel"; id: number };

export type FromExporter =
  | { type: "head"; id: number; fileName: string; contentType: string }
  | { type: "chunk"; id: number; bytes: Uint8Array }
  | { type: "end"; id: number }
  | { type: "error"; id: number; failure: ExportFailure };

/** A failure of the export that is not the caller's doing; `unavailable` means the database (503). */
export class ChronologyExportError extends Error {
  constructor(
    message: string,
    readonly unavailable = false,
  ) {
    super(message);
    this.name = "ChronologyExportError";
  }
}

type Waiter = { resolve: (m: FromExporter) => void; reject: (e: Error) => void };

class Exporter {
  readonly worker: Worker;
  readonly databaseUrl = process.env.DATABASE_URL;
  /** The one request in flight per download: start → head, pull → chunk or end. */
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 1;
  private idleTimer: NodeJS.Timeout | null = null;
  active = 0;
  /** Downloads being written, per user. */
  readonly byUser = new Map<string, number>();
  dead = false;

  // The file is a parameter, not a constant beside `new Worker`: the bundler would otherwise try to bundle the worker.
  constructor(file: string) {
    this.worker = new Worker(file, {
      // Its own small pool: an export reads one page at a time.
      env: { ...process.env, DATABASE_POOL_SIZE: "2" },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    // An idle worker must not keep a process (a test run, a CLI) alive.
    this.worker.unref();
    this.worker.on("message", (m: FromExporter) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      w?.resolve(m);
    });
    this.worker.on("error", (err) => this.die(`The export stopped: ${err.message}`));
    this.worker.on("exit", () => this.die("The export stopped unexpectedly."));
  }

  private die(message: string) {
    if (this.dead) return;
    this.dead = true;
    if (globalForExporter.__dossierChronologyExporter === this)
      globalForExporter.__dossierChronologyExporter = undefined;
    const err = new ChronologyExportError(message);
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }

  id(): number {
    return this.nextId++;
  }

  request(msg: ToExporter): Promise<FromExporter> {
    if (this.dead) return Promise.reject(new ChronologyExportError("The export stopped unexpectedly."));
    return new Promise((resolve, reject) => {
      this.waiting.set(msg.id, { resolve, reject });
      this.worker.postMessage(msg);
    });
  }

  tell(msg: ToExporter) {
    if (!this.dead) this.worker.postMessage(msg);
  }

  begin(userId: string) {
    this.active++;
    this.byUser.set(userId, (this.byUser.get(userId) ?? 0) + 1);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  finish(userId: string) {
    this.active--;
    const mine = (this.byUser.get(userId) ?? 1) - 1;
    if (mine > 0) this.byUser.set(userId, mine);
    else this.byUser.delete(userId);
    if (this.active > 0 || this.dead) return;
    this.idleTimer = setTimeout(() => {
      if (this.active === 0) void this.stop();
    }, EXPORT_LIMITS.workerIdleMs);
    this.idleTimer.unref();
  }

  async stop() {
    this.die("The export was stopped.");
    await this.worker.terminate();
  }
}

const globalForExporter = globalThis as unknown as { __dossierChronologyExporter?: Exporter };

function exporter(): Exporter {
  const current = globalForExporter.__dossierChronologyExporter;
  // A worker reads the database it was started with (tests switch databases between files).
  if (current && !current.dead && current.databaseUrl === process.env.DATABASE_URL) return current;
  const made = new Exporter(workerFile);
  globalForExporter.__dossierChronologyExporter = made;
  return made;
}

/** Whether an export worker is running now (it stops after EXPORT_LIMITS.workerIdleMs without a download). */
export function chronologyExporterRunning(): boolean {
  const current = globalForExporter.__dossierChronologyExporter;
  return current !== undefined && !current.dead;
}

/** Stops the export worker, cutting what it is writing (shutdown, and the tests of a worker's death). */
export async function stopChronologyExporter(): Promise<void> {
  await globalForExporter.__dossierChronologyExporter?.stop();
}

/** The error for an answer that is not the one asked for: the worker's failure, or a reply out of turn. */
function notAnswered(m: FromExporter): Error {
  if (m.type !== "error") return new ChronologyExportError("The export answered out of turn.");
  const f = m.failure;
  if (f.kind === "domain") return new DomainError(f.code, f.message);
  return new ChronologyExportError(f.message, f.kind === "unavailable");
}

/**
 * Starts writing the chronology and resolves once the worker has passed the
 * checks and named the file; the body then pulls one chunk per read.
 */
export async function startChronologyExport(
  actor: Actor,
  format: ExportEventsInput["format"],
  input: Omit<ExportEventsInput, "format">,
  filters: Record<string, string>,
  hooks: Required<StreamOutcomes>,
): Promise<{ fileName: string; contentType: string; body: ReadableStream<Uint8Array> }> {
  const ex = exporter();
  if ((ex.byUser.get(actor.userId) ?? 0) >= MAX_CHRONOLOGY_EXPORTS_PER_USER)
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      `You already have ${MAX_CHRONOLOGY_EXPORTS_PER_USER} chronology downloads running. Let one finish, or cancel it, and try again.`,
    );
  if (ex.active >= MAX_CHRONOLOGY_EXPORTS)
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      "Several exports are already being written on this server. Please try again in a minute.",
    );
  const id = ex.id();
  ex.begin(actor.userId);
  let open = true;
  const close = () => {
    if (open) ex.finish(actor.userId);
    open = false;
  };
  let head: Extract<FromExporter, { type: "head" }>;
  try {
    const m = await ex.request({ type: "start", id, actor, format, input, filters });
    if (m.type !== "head") throw notAnswered(m);
    head = m;
  } catch (err) {
    close();
    throw err;
  }

  async function* fromWorker(): AsyncGenerator<Uint8Array> {
    // Whether the worker has let this download go (it ended, or failed) rather than holding its next chunk.
    let letGo = false;
    try {
      for (;;) {
        letGo = true;
        const m = await ex.request({ type: "pull", id });
        if (m.type === "end") return;
        if (m.type !== "chunk") throw notAnswered(m);
        letGo = false;
        yield m.bytes;
      }
    } finally {
      // Left with a chunk still to come: the client went away, so the worker stops reading pages for it.
      if (!letGo) ex.tell({ type: "cancel", id });
      close();
    }
  }
  const body = streamBody(fromWorker(), hooks);
  return { fileName: head.fileName, contentType: head.contentType, body };
}
