import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fingerprint,
  type Fingerprint,
  MIN_SHINGLES,
  NEAR_DUPLICATE_SIMILARITY,
  shingleHashes,
  SIGNATURE_SIZE,
  similarity,
} from "../../server/lib/near-duplicate.ts";
import { extractSourceText } from "../../server/lib/source-text/index.ts";
import { ARTICLE_HTML, ARTICLE_PDF, ARTICLE_TXT } from "../fixtures/importer/article-pdf.ts";

const read = async (file: URL) =>
  (await extractSourceText({ fileName: file.pathname, bytes: new Uint8Array(readFileSync(file)) })).text;
const shared = (a: number[], b: number[]) => a.filter((x) => b.includes(x)).length;

describe("near-duplicate texts", async () => {
  const [txt, html, pdf] = await Promise.all([read(ARTICLE_TXT), read(ARTICLE_HTML), read(ARTICLE_PDF)]);
  const other =
    "Engineers from both countries met in Zaranj to measure the flow of the Helmand at the dam, and disagreed about the figures for the dry season. They agreed to meet again before the harvest, to bring their own instruments, and to invite observers from the provincial council and the water authority in Kabul.";

  it("recognise one article saved as text, web page and PDF", () => {
    const [a, b, c] = [txt, html, pdf].map((t) => fingerprint(t, "ws")) as [Fingerprint, Fingerprint, Fingerprint];
    for (const [x, y] of [
      [a, b],
      [a, c],
      [b, c],
    ] as const) {
      expect(similarity(x.signature, y.signature)).toBeGreaterThanOrEqual(NEAR_DUPLICATE_SIMILARITY);
      // The index finds them: they share at least one band key.
      expect(shared(x.bands, y.bands)).toBeGreaterThan(0);
    }
  });

  it("tell an unrelated text apart, and the index does not bring it up", () => {
    const a = fingerprint(txt, "ws");
    const b = fingerprint(other.repeat(2), "ws");
    expect(similarity(a.signature, b.signature)).toBeLessThan(0.2);
    expect(shared(a.bands, b.bands)).toBe(0);
  });

  it("leave texts too short to compare without a fingerprint", () => {
    expect(shingleHashes("Officials met at the border.").length).toBeLessThan(MIN_SHINGLES);
    expect(fingerprint("Officials met at the border.", "ws")).toEqual({ signature: [], bands: [] });
    expect(similarity([], [])).toBe(0);
  });

  it("are the same on every run, whatever the layout, with band keys of their own in each workspace", () => {
    const a = fingerprint(txt, "ws-1");
    expect(fingerprint(txt.replace(/\n+/g, "\n\n").replace(/ /g, "  ").toUpperCase(), "ws-1")).toEqual(a);
    expect(a.signature).toHaveLength(SIGNATURE_SIZE);
    expect(a.signature.every((x) => Number.isInteger(x) && x >= -(2 ** 31) && x < 2 ** 31)).toBe(true);
    const b = fingerprint(txt, "ws-2");
    expect(b.signature).toEqual(a.signature);
    expect(shared(a.bands, b.bands)).toBe(0);
  });

  it("estimate a symmetric similarity that is 1 for the same words", () => {
    const word = fc.constantFrom(
      "envoy",
      "border",
      "talks",
      "delegation",
      "Tehran",
      "Kabul",
      "met",
      "asked",
      "the",
      "in",
    );
    const text = fc.array(word, { minLength: 40, maxLength: 120 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(text, text, (x, y) => {
        const a = fingerprint(x, "ws").signature;
        const b = fingerprint(y, "ws").signature;
        expect(similarity(a, b)).toBe(similarity(b, a));
        if (a.length) expect(similarity(a, a)).toBe(1);
      }),
      { numRuns: 50 },
    );
  });
});
