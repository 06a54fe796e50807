// Compiles briefings to PDF in a worker thread, so a long compile never blocks
// the server's event loop and a runaway one can be cut off. Plain JavaScript:
// it is loaded by path, outside the app's bundle. The compiler is created once
// per worker (fonts are read once) and reused.
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";

const { templateDir, fontFiles, maxPages, maxOutputBytes } = workerData;

// The template directory is the compile's root: a `read()` or `import` can
// reach nothing outside it, and the template itself reads only `sys.inputs`.
const compiler = NodeCompiler.create({ workspace: templateDir, fontArgs: [{ fontPaths: fontFiles }] });
const main = path.join(templateDir, "briefing.typ");
let compiles = 0;

function diagnostics(err) {
  try {
    return compiler
      .fetchDiagnostics(err)
      .map((d) => d.message)
      .join("; ");
  } catch {
    return String(err?.shortDiagnostics ?? "compile failed");
  }
}

parentPort.on("message", ({ id, json }) => {
  try {
    const result = compiler.compile({ mainFilePath: main, inputs: { doc: json } });
    const doc = result.result;
    if (result.hasError() || !doc) {
      parentPort.postMessage({ id, error: { kind: "FAILED", message: diagnostics(result.takeError()) } });
      return;
    }
    if (doc.numOfPages > maxPages) {
      parentPort.postMessage({
        id,
        error: {
          kind: "TOO_LARGE",
          message: `The PDF would have ${doc.numOfPages.toLocaleString("en")} pages; the limit is ${maxPages.toLocaleString("en")}.`,
        },
      });
      return;
    }
    const pdf = compiler.pdf(doc);
    if (pdf.length > maxOutputBytes) {
      parentPort.postMessage({
        id,
        error: {
          kind: "TOO_LARGE",
          message: `The PDF would be ${(pdf.length / 1048576).toFixed(0)} MB; the limit is ${(maxOutputBytes / 1048576).toFixed(0)} MB.`,
        },
      });
      return;
    }
    // A copy the worker owns, so it can be handed over without another copy.
    const bytes = new Uint8Array(pdf);
    parentPort.postMessage({ id, result: { pdf: bytes, pages: doc.numOfPages } }, [bytes.buffer]);
  } catch (err) {
    parentPort.postMessage({
      id,
      error: { kind: "FAILED", message: err instanceof Error ? err.message : String(err) },
    });
  } finally {
    // Keep memoised layout from piling up across many different briefings.
    if (++compiles % 8 === 0) compiler.evictCache(10);
  }
});
