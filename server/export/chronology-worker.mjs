// Writes the chronology's CSV/JSON downloads in a worker thread with a heap of
// its own (see chronology-exporter.ts for why). Plain JavaScript loaded by
// path, outside the app's bundle; the export code itself is the app's
// TypeScript, loaded once per worker.
import { tsImport } from "tsx/esm/api";

await tsImport("./chronology-job.ts", import.meta.url);
