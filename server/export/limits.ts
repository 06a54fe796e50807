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
} as const;

export type ExportLimitKind = "TOO_LARGE" | "TIMEOUT" | "BUSY";

/** An export refused for its size, stopped for its duration, or refused while the compilers are saturated (HTTP 413 / 504 / 503). */
export class ExportLimitError extends Error {
  constructor(
    readonly kind: ExportLimitKind,
    message: string,
  ) {
    super(message);
    this.name = "ExportLimitError";
  }
}
