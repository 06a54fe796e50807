import { parentPort } from "node:worker_threads";
import { DomainError } from "../errors.ts";
import { isDatabaseUnavailable, UNAVAILABLE_MESSAGE } from "../http/unavailable.ts";
import { logger } from "../logger.ts";
import { exportChronology } from "../services/event/index.ts";
import { chronologyFile } from "./chronology-export.ts";
import {
  EXPORT_FAILED_MESSAGE,
  type ExportFailure,
  type FromExporter,
  type ToExporter,
} from "./chronology-exporter.ts";

/**
 * The worker's side of chronology-exporter.ts: each download is an iterator
 * over the file's chunks, advanced one chunk per "pull". The chunks are sent
 * as bytes whose buffer is handed over, not copied.
 */

const port = parentPort!;
const downloads = new Map<number, AsyncIterator<string>>();
const encoder = new TextEncoder();

const post = (m: FromExporter, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

function failure(err: unknown): ExportFailure {
  if (err instanceof DomainError) return { kind: "domain", code: err.code, message: err.message };
  if (isDatabaseUnavailable(err)) return { kind: "unavailable", message: UNAVAILABLE_MESSAGE };
  logger.error({ err }, "chronology export failed in its worker");
  return { kind: "failed", message: EXPORT_FAILED_MESSAGE };
}

async function start(m: Extract<ToExporter, { type: "start" }>) {
  try {
    const exp = await exportChronology(m.actor, m.input);
    const file = chronologyFile(m.format, exp, m.filters);
    downloads.set(m.id, file.body[Symbol.asyncIterator]());
    post({ type: "head", id: m.id, fileName: file.fileName, contentType: file.contentType });
  } catch (err) {
    post({ type: "error", id: m.id, failure: failure(err) });
  }
}

async function pull(id: number) {
  const it = downloads.get(id);
  if (!it)
    return post({ type: "error", id, failure: { kind: "failed", message: "This export is no longer running." } });
  try {
    for (;;) {
      const { done, value } = await it.next();
      if (done) {
        downloads.delete(id);
        return post({ type: "end", id });
      }
      if (!value) continue;
      const bytes = encoder.encode(value);
      return post({ type: "chunk", id, bytes }, [bytes.buffer as ArrayBuffer]);
    }
  } catch (err) {
    downloads.delete(id);
    post({ type: "error", id, failure: failure(err) });
  }
}

async function cancel(id: number) {
  const it = downloads.get(id);
  downloads.delete(id);
  await it?.return?.(undefined);
}

port.on("message", (m: ToExporter) => {
  if (m.type === "start") void start(m);
  else if (m.type === "pull") void pull(m.id);
  else void cancel(m.id).catch((err: unknown) => logger.warn({ err }, "closing a cancelled export failed"));
});
