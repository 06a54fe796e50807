import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Text of a PDF as poppler extracts it (`pdftotext -layout`), one string per
 * page, and the fonts it embeds (`pdffonts`). poppler-utils is installed by .ci/run.
 */
function withFile<T>(pdf: Uint8Array, fn: (file: string) => T): T {
  const dir = mkdtempSync(path.join(tmpdir(), "pdf-"));
  const file = path.join(dir, "doc.pdf");
  writeFileSync(file, pdf);
  try {
    return fn(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function pdfPages(pdf: Uint8Array): string[] {
  const text = withFile(pdf, (f) =>
    execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", f, "-"], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 }),
  );
  return text.split("\f").filter((p, i, all) => i < all.length - 1 || p.trim() !== "");
}

/** Extracted text without the invisible characters the extractor or the layout adds (break opportunities, bidi embeddings). */
export function plain(text: string): string {
  return text.replace(/[\u200B\u202A-\u202E\u2066-\u2069]/g, "");
}

export function pdfFonts(pdf: Uint8Array): string[] {
  const out = withFile(pdf, (f) => execFileSync("pdffonts", [f], { encoding: "utf8" }));
  return out
    .split("\n")
    .slice(2)
    .map((l) => l.trim().split(/\s+/)[0] ?? "")
    .filter(Boolean)
    .map((name) => name.replace(/^[A-Z]{6}\+/, ""));
}
