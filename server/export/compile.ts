import { availableParallelism } from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { ExportLimitError, EXPORT_LIMITS } from "./limits.ts";
import type { PdfData } from "./pdf-data.ts";

/**
 * PDF compiles run in a small pool of worker threads, each holding a warm
 * Typst compiler (fonts loaded once). A compile that runs past the time limit
 * is answered with a timeout and its worker is terminated and replaced; the
 * queue is bounded so a burst of exports waits instead of exhausting memory.
 */

const root = process.cwd();
const templateDir = path.join(root, "server/export/typst");
const workerFile = path.join(root, "server/export/compile-worker.mjs");

/** Fonts come from npm packages only, so output is the same on every machine. */
const fontFiles = [
  ...[
    "400Regular/SourceSerif4_400Regular",
    "400Regular_Italic/SourceSerif4_400Regular_Italic",
    "600SemiBold/SourceSerif4_600SemiBold",
    "700Bold/SourceSerif4_700Bold",
    "700Bold_Italic/SourceSerif4_700Bold_Italic",
  ].map((f) => path.join(root, "node_modules/@expo-google-fonts/source-serif-4", `${f}.ttf`)),
  ...["Regular", "SemiBold", "Bold"].map((w) =>
    path.join(root, "node_modules/vazirmatn/fonts/ttf", `Vazirmatn-${w}.ttf`),
  ),
  // Monochrome emoji, so pictographs and flags print as themselves.
  path.join(root, "node_modules/@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf"),
];

export type CompileOptions = { timeoutMs?: number };
export type CompiledPdf = { pdf: Uint8Array<ArrayBuffer>; pages: number };

type Job = {
  id: number;
  json: string;
  timeoutMs: number;
  resolve: (r: CompiledPdf) => void;
  reject: (e: Error) => void;
};
type Slot = { worker: Worker; job: Job | null; timer: NodeJS.Timeout | null };

type Reply = {
  id: number;
  pdf?: Uint8Array<ArrayBuffer>;
  pages?: number;
  error?: { kind: "FAILED" | "TOO_LARGE"; message: string };
};

const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism()));
const MAX_QUEUE = 64;

class CompilePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /**
   * Workers told to stop after a timeout. Termination takes effect when the
   * native compile returns, so they may still use a core for a while; while
   * two are winding down, new exports are refused rather than piling up.
   */
  private readonly stopping = new Set<Worker>();
  private nextId = 1;

  constructor(private readonly size: number) {}

  private spawn(): Slot {
    const worker = new Worker(workerFile, {
      workerData: { templateDir, fontFiles, maxPages: EXPORT_LIMITS.pages, maxOutputBytes: EXPORT_LIMITS.outputBytes },
      // Bounds the worker's JavaScript heap; the compiler's own memory is bounded by the input limits.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    // Idle workers must not keep a process (a test run, a CLI) alive.
    worker.unref();
    const slot: Slot = { worker, job: null, timer: null };
    worker.on("message", (reply: Reply) => this.finish(slot, reply));
    worker.on("error", (err) => this.fail(slot, new Error(`The PDF compiler stopped: ${err.message}`)));
    worker.on("exit", () => {
      if (this.slots.includes(slot)) this.fail(slot, new Error("The PDF compiler stopped unexpectedly."));
    });
    this.slots.push(slot);
    return slot;
  }

  /** Replaces a slot's worker (after a timeout or a crash) and fails its job. */
  private fail(slot: Slot, err: Error) {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.job = null;
    this.stopping.add(slot.worker);
    void slot.worker.terminate().finally(() => this.stopping.delete(slot.worker));
    job?.reject(err);
    this.pump();
  }

  private finish(slot: Slot, reply: Reply) {
    const job = slot.job;
    if (!job || reply.id !== job.id) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.job = null;
    slot.timer = null;
    if (reply.error) {
      job.reject(
        reply.error.kind === "TOO_LARGE"
          ? new ExportLimitError("TOO_LARGE", reply.error.message)
          : new Error(`The PDF could not be compiled: ${reply.error.message}`),
      );
    } else {
      job.resolve({ pdf: reply.pdf!, pages: reply.pages! });
    }
    this.pump();
  }

  private pump() {
    while (this.queue.length) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      const busy = slot;
      busy.timer = setTimeout(
        () =>
          this.fail(
            busy,
            new ExportLimitError(
              "TIMEOUT",
              `The PDF took longer than ${Math.round(job.timeoutMs / 1000)} seconds to produce and was stopped. Try exporting Markdown, or shorten the briefing.`,
            ),
          ),
        job.timeoutMs,
      );
      busy.worker.postMessage({ id: job.id, json: job.json });
    }
    for (const s of this.slots) if (s.job === null) s.worker.unref();
  }

  run(json: string, timeoutMs: number): Promise<CompiledPdf> {
    if (this.queue.length >= MAX_QUEUE || this.stopping.size >= this.size) {
      return Promise.reject(
        new ExportLimitError("BUSY", "Too many exports are being produced right now. Try again in a minute."),
      );
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, json, timeoutMs, resolve, reject });
      this.pump();
    });
  }
}

const globalForPool = globalThis as unknown as { __dossierTypstPool?: CompilePool };

function pool(): CompilePool {
  globalForPool.__dossierTypstPool ??= new CompilePool(POOL_SIZE);
  return globalForPool.__dossierTypstPool;
}

/** Compiles the briefing data to a PDF, within the size and time limits. */
export async function compilePdf(data: PdfData, options: CompileOptions = {}): Promise<CompiledPdf> {
  const json = JSON.stringify(data);
  const bytes = Buffer.byteLength(json);
  if (bytes > EXPORT_LIMITS.inputBytes) {
    throw new ExportLimitError(
      "TOO_LARGE",
      `This briefing and what it cites come to ${(bytes / 1048576).toFixed(1)} MB of text; a PDF export takes at most ${EXPORT_LIMITS.inputBytes / 1048576} MB.`,
    );
  }
  return pool().run(json, options.timeoutMs ?? EXPORT_LIMITS.compileMs);
}
