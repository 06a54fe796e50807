import { availableParallelism } from "node:os";
import path from "node:path";
import type { BriefingDocument } from "../schemas/briefing-document.ts";
import { markdownProblem } from "../schemas/markdown-limits.ts";
import { ExportLimitError, EXPORT_LIMITS, type ExportLimitKind } from "./limits.ts";
import type { PdfData } from "./pdf-data.ts";
import { WorkerPool } from "./worker-pool.ts";

/**
 * A briefing's Markdown (summary, key judgments, body) becomes export data in
 * worker threads (markdown-worker.mjs), after a check on the request's thread
 * that refuses at once what is too long or too deeply nested. What passes the
 * check but still takes too long is stopped at the time limit.
 */

const workerFile = path.join(process.cwd(), "server/export/markdown-worker.mjs");
const KINDS = new Set<string>(["TOO_LARGE", "TOO_COMPLEX", "TIMEOUT", "BUSY"]);

const globalForPool = globalThis as unknown as { __dossierMarkdownWorkers?: WorkerPool<unknown> };

function pool(): WorkerPool<unknown> {
  globalForPool.__dossierMarkdownWorkers ??= new WorkerPool<unknown>({
    name: "Markdown converter",
    file: workerFile,
    workerData: null,
    size: Math.max(1, Math.min(2, availableParallelism())),
    maxQueue: 64,
    resourceLimits: { maxOldGenerationSizeMb: 512 },
    announcesReady: true,
    idleMs: EXPORT_LIMITS.workerIdleMs,
    failure: (f) =>
      KINDS.has(f.kind)
        ? new ExportLimitError(f.kind as ExportLimitKind, f.message)
        : new Error(`The briefing could not be converted: ${f.message}`),
    timeout: (ms) =>
      new ExportLimitError(
        "TOO_COMPLEX",
        `This briefing's Markdown took longer than ${ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} seconds`} to convert and was stopped. Simplify its formatting (fewer nested lists, less emphasis) or split it.`,
      ),
  });
  return globalForPool.__dossierMarkdownWorkers;
}

/** Refuses, before any parsing, Markdown beyond the export's size or the shape limits that saving applies. */
export function checkBriefingMarkdown(doc: Pick<BriefingDocument, "summary" | "body" | "keyJudgments">): void {
  const parts: [string, string][] = [
    ["summary", doc.summary],
    ...doc.keyJudgments.map((k, i): [string, string] => [`key judgment ${i + 1}`, k.statement]),
    ["body", doc.body],
  ];
  const chars = parts.reduce((n, [, text]) => n + text.length, 0);
  if (chars > EXPORT_LIMITS.markdownChars) {
    throw new ExportLimitError(
      "TOO_LARGE",
      `This briefing has ${chars.toLocaleString("en")} characters of text; an export takes at most ${EXPORT_LIMITS.markdownChars.toLocaleString("en")}.`,
    );
  }
  for (const [where, text] of parts) {
    const problem = markdownProblem(text);
    if (problem) throw new ExportLimitError("TOO_COMPLEX", `In the ${where}: ${problem}`);
  }
}

export type ConvertOptions = { timeoutMs?: number };

const run = (task: "pdfData" | "markdown", doc: BriefingDocument, revisionId: string | null, o: ConvertOptions) => {
  checkBriefingMarkdown(doc);
  return pool().run({ task, doc, revisionId }, o.timeoutMs ?? EXPORT_LIMITS.markdownMs);
};

/** The PDF template's data (see pdf-data.ts), built off the request's thread. */
export async function pdfDataOffThread(
  doc: BriefingDocument,
  revisionId: string | null,
  options: ConvertOptions = {},
): Promise<PdfData> {
  return (await run("pdfData", doc, revisionId, options)) as PdfData;
}

/** The Markdown download (see markdown-export.ts), built off the request's thread. */
export async function markdownFileOffThread(
  doc: BriefingDocument,
  revisionId: string | null,
  options: ConvertOptions = {},
): Promise<string> {
  return (await run("markdown", doc, revisionId, options)) as string;
}
