import { describe, expect, it } from "vitest";
import { extractSourceText } from "../../server/lib/source-text/index.ts";

/**
 * What reading a plain-text article must do, whichever articles it is given:
 * the fixtures (tests/unit/source-text.test.ts) or the real articles when they
 * are at hand (tests/seeds/source-text.test.ts).
 */
export type TextCorpus = {
  /** "the fixture articles", "the seed articles" */
  what: string;
  /** The .txt files. */
  names: readonly string[];
  bytes: (name: string) => Uint8Array;
  text: (name: string) => string;
  /** A file with Persian script, and passages of it to find as written. */
  persian: { name: string; passages: string[] };
  /** A file with Arabic (not Persian) script, and a passage of it. */
  arabic: { name: string; passage: string };
  /** A file with runs of three or more blank lines. */
  blankRuns: string;
};

const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((offset, part) => (out.set(part, offset), offset + part.length), 0);
  return out;
};

export function plainTextChecks(corpus: TextCorpus) {
  const { names, bytes, text: rawText } = corpus;

  describe(`plain text: ${corpus.what}`, () => {
    it("finds the files", () => {
      expect(names.length).toBeGreaterThanOrEqual(4);
    });

    it.each(names)("%s keeps every line as written", async (name) => {
      const { text, kind, title } = await extractSourceText({
        fileName: name,
        mimeType: "text/plain",
        bytes: bytes(name),
      });
      expect(kind).toBe("txt");
      expect(title).toBeUndefined();
      const lines = rawText(name)
        .split("\n")
        .filter((line) => line.trim() !== "");
      let from = 0;
      for (const line of lines) {
        const at = text.indexOf(line, from);
        expect(at, `line missing or out of order: ${line.slice(0, 60)}`).toBeGreaterThanOrEqual(0);
        from = at + line.length;
      }
      expect(text).not.toMatch(/\n(?:[ \t]*\n){3}/);
      expect(text).toBe(text.trim());
    });

    it("keeps Persian text intact", async () => {
      const { name, passages } = corpus.persian;
      const { text } = await extractSourceText({ fileName: name, bytes: bytes(name) });
      for (const passage of passages) expect(text).toContain(passage);
    });

    it("keeps Arabic-script text intact", async () => {
      const { name, passage } = corpus.arabic;
      const { text } = await extractSourceText({ fileName: name, bytes: bytes(name) });
      expect(text).toContain(passage);
    });

    it("collapses the long blank runs to two blank lines and changes nothing else", async () => {
      const name = corpus.blankRuns;
      const raw = rawText(name);
      expect(raw).toMatch(/\n(?:[ \t]*\n){3}/);
      const { text } = await extractSourceText({ fileName: name, bytes: bytes(name) });
      expect(text.replace(/\s+/g, " ")).toBe(raw.replace(/\s+/g, " ").trim());
    });

    it.each(names)("%s reads the same as .md", async (name) => {
      const asTxt = await extractSourceText({ fileName: name, bytes: bytes(name) });
      const asMd = await extractSourceText({ fileName: name.replace(/\.txt$/, ".md"), bytes: bytes(name) });
      expect(asMd.kind).toBe("md");
      expect(asMd.text).toBe(asTxt.text);
    });

    it.each(names)("%s reads the same with a BOM and Windows line endings", async (name) => {
      const plain = await extractSourceText({ fileName: name, bytes: bytes(name) });
      const windows = utf8(rawText(name).replace(/\n/g, "\r\n"));
      const withBom = await extractSourceText({
        fileName: name,
        bytes: concat(new Uint8Array([0xef, 0xbb, 0xbf]), windows),
      });
      expect(withBom.text).toBe(plain.text);
      expect(withBom.text).not.toContain("\r");
      expect(withBom.text.charCodeAt(0)).not.toBe(0xfeff);
    });
  });
}
