// Converts briefings' Markdown for exports in a worker thread: parsing and
// tree building are CPU work that grows with the text, and must never hold
// the thread that answers requests. A stack overflow here is an answer, not a
// crash. Plain JavaScript loaded by path, outside the app's bundle; the
// conversion code itself is the app's TypeScript, loaded once per worker.
import { parentPort } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

const [{ buildPdfData }, { briefingMarkdown }] = await Promise.all([
  tsImport("./pdf-data.ts", import.meta.url),
  tsImport("./markdown-export.ts", import.meta.url),
]);

const TASKS = {
  pdfData: ({ doc, revisionId }) => buildPdfData(doc, { revisionId }),
  markdown: ({ doc, revisionId }) => briefingMarkdown(doc, revisionId),
};

function failure(err) {
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return { kind: "TOO_COMPLEX", message: "This briefing's Markdown is nested too deeply to convert." };
  }
  if (err?.name === "ExportLimitError") return { kind: err.kind, message: err.message };
  return { kind: "FAILED", message: err instanceof Error ? err.message : String(err) };
}

parentPort.on("message", (job) => {
  try {
    parentPort.postMessage({ id: job.id, result: TASKS[job.task](job) });
  } catch (err) {
    parentPort.postMessage({ id: job.id, error: failure(err) });
  }
});
parentPort.postMessage({ ready: true });
