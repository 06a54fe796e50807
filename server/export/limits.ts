/**
 * Bounds on an export, so a huge or hostile briefing is refused with a clear
 * message instead of holding a core or the server's memory.
 */
export const EXPORT_LIMITS = {
  /** JSON handed to the compiler (a briefing body is at most 400,000 characters; cited material adds to it). */
  inputBytes: 12 * 1024 * 1024,
  /** Different events and sources cited (each becomes a footnote). */
  footnotes: 10_000,
  /** Above this many, citations become endnotes: Typst's footnote layout grows too slow. */
  pageFootnotes: 300,
  pages: 2_000,
  outputBytes: 64 * 1024 * 1024,
  /** Wall-clock time for one compile (a 5,000-citation briefing takes ~35 s on a busy 2-core machine); the worker is terminated and replaced after it. */
  compileMs: Number(process.env.EXPORT_COMPILE_MS ?? 60_000),
  /** Markdown (summary, judgments, body) converted for one export; the briefing schema allows about 520,000. */
  markdownChars: 1_000_000,
  /**
   * Wall-clock time for converting a briefing's Markdown. Within the shape
   * limits a full-size body converts in a few seconds on a busy machine; a
   * text that takes longer is refused as too complex, and its worker replaced.
   */
  markdownMs: Number(process.env.EXPORT_MARKDOWN_MS ?? 30_000),
  /**
   * An export worker (PDF compiler, Markdown converter, chronology writer) left
   * without work this long is stopped and gives its memory back; the next
   * export starts it again, which costs that export a second or three.
   */
  workerIdleMs: Number(process.env.EXPORT_WORKER_IDLE_MS ?? 600_000),
} as const;

export type ExportLimitKind = "TOO_LARGE" | "TOO_COMPLEX" | "TIMEOUT" | "BUSY";

/** HTTP statuses of the refusals: the text is too big (413) or too intricate (422), the compile ran out of time (504), the compilers are saturated (503). */
export const EXPORT_LIMIT_STATUS = {
  TOO_LARGE: 413,
  TOO_COMPLEX: 422,
  TIMEOUT: 504,
  BUSY: 503,
} as const satisfies Record<ExportLimitKind, number>;

/** An export refused for its size or shape, stopped for its duration, or refused while the workers are saturated. */
export class ExportLimitError extends Error {
  constructor(
    readonly kind: ExportLimitKind,
    message: string,
  ) {
    super(message);
    this.name = "ExportLimitError";
  }
}
