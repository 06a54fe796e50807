import { availableParallelism } from "node:os";
import path from "node:path";
import { ExportLimitError, EXPORT_LIMITS } from "./limits.ts";
import type { PdfData } from "./pdf-data.ts";
import { WorkerPool } from "./worker-pool.ts";

/**
 * PDF compiles run in a small pool of worker threads (see worker-pool.ts),
 * each holding a warm Typst compiler (fonts loaded once).
 */

const root = process.cwd();
const templateDir = path.join(root, "server/export/typst");
const workerFile = path.join(root, "server/export/compile-worker.mjs");

/** Fonts come from npm packages only, so output is the same on every machine. */
export const fontFiles = [
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

const POOL_SIZE = Math.max(1, Math.min(2, availableParallelism()));

const globalForPool = globalThis as unknown as { __dossierTypstWorkers?: WorkerPool<CompiledPdf> };

function pool(): WorkerPool<CompiledPdf> {
  globalForPool.__dossierTypstWorkers ??= new WorkerPool<CompiledPdf>({
    name: "PDF compiler",
    file: workerFile,
    workerData: { templateDir, fontFiles, maxPages: EXPORT_LIMITS.pages, maxOutputBytes: EXPORT_LIMITS.outputBytes },
    size: POOL_SIZE,
    maxQueue: 64,
    // Bounds the worker's JavaScript heap; the compiler's own memory is bounded by the input limits.
    resourceLimits: { maxOldGenerationSizeMb: 256 },
    idleMs: EXPORT_LIMITS.workerIdleMs,
    failure: (f) =>
      f.kind === "TOO_LARGE"
        ? new ExportLimitError("TOO_LARGE", f.message)
        : new Error(`The PDF could not be compiled: ${f.message}`),
    timeout: (ms) =>
      new ExportLimitError(
        "TIMEOUT",
        `The PDF took longer than ${Math.round(ms / 1000)} seconds to produce and was stopped. Try exporting Markdown, or shorten the briefing.`,
      ),
  });
  return globalForPool.__dossierTypstWorkers;
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
  return pool().run({ json }, options.timeoutMs ?? EXPORT_LIMITS.compileMs);
}
