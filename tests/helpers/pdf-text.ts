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

export type PdfWord = { text: string; xMin: number; xMax: number };
export type PdfLine = { page: number; xMin: number; xMax: number; yMin: number; words: PdfWord[] };

/** Every line of text with its words and their horizontal positions (`pdftotext -bbox-layout`), in points. */
export function pdfLines(pdf: Uint8Array): PdfLine[] {
  const xml = withFile(pdf, (f) =>
    execFileSync("pdftotext", ["-bbox-layout", "-enc", "UTF-8", f, "-"], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    }),
  );
  const lines: PdfLine[] = [];
  const num = (s: string, name: string) => Number(new RegExp(`${name}="([\\d.]+)"`).exec(s)![1]);
  xml
    .split("<page ")
    .slice(1)
    .forEach((page, p) => {
      for (const m of page.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
        const words = [...m[2]!.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((w) => ({
          text: w[2]!
            .replace(/&amp;/g, "&")
            .replace(/&lt;/g, "<")
            .replace(/&gt;/g, ">")
            .replace(/&quot;/g, '"'),
          xMin: num(w[1]!, "xMin"),
          xMax: num(w[1]!, "xMax"),
        }));
        lines.push({
          page: p + 1,
          xMin: num(m[1]!, "xMin"),
          xMax: num(m[1]!, "xMax"),
          yMin: num(m[1]!, "yMin"),
          words,
        });
      }
    });
  return lines;
}
