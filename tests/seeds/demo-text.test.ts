import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_WORKSPACE, seedDemo } from "../../prisma/seed.ts";
import { db } from "../../server/db/client.ts";
import { RESEARCH_NOTE } from "../helpers/fixture-pdf.ts";
import { readFixture, TEXT_FIXTURES, FIXTURES } from "../helpers/fixtures.ts";
import { readSeed, seedNames } from "../helpers/seeds.ts";

/**
 * The demo workspace (tests/integration/seed.test.ts checks the rest of it)
 * and the test fixtures are written in our own words: no run of eight words
 * of a real article appears in them.
 */
beforeAll(async () => {
  await seedDemo({ reset: true });
});

const inDemo = { workspace: { slug: DEMO_WORKSPACE.slug } };

describe("demo text", () => {
  const words = (text: string) =>
    text
      .normalize("NFC")
      .toLowerCase()
      .replace(/[\u200c\u200f\u200e]/g, "")
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const shingles = (text: string, n = 8) => {
    const w = words(text);
    const out = new Set<string>();
    for (let i = 0; i + n <= w.length; i++) out.add(w.slice(i, i + n).join(" "));
    return out;
  };
  let seedShingles: Set<string>;
  beforeAll(() => {
    seedShingles = new Set(seedNames().flatMap((f) => [...shingles(readSeed(f))]));
    expect(seedShingles.size).toBeGreaterThan(5000);
  });

  it("is written in our own words: no eight-word run of any article in the seeds appears in the demo", async () => {
    const [events, sources, citations, briefings] = await Promise.all([
      db.event.findMany({ where: inDemo, select: { title: true, summary: true } }),
      db.source.findMany({ where: inDemo, select: { text: true } }),
      db.citation.findMany({ where: { event: inDemo }, select: { quote: true, note: true } }),
      db.briefing.findMany({ where: inDemo, select: { summary: true, body: true, keyJudgments: true } }),
    ]);
    const texts = [
      ...events.flatMap((e) => [e.title, e.summary]),
      // A source's title is the article's own headline: a reference, not demo text.
      ...sources.map((s) => s.text),
      ...citations.flatMap((c) => [c.quote, c.note]),
      ...briefings.flatMap((b) => [b.summary, b.body, JSON.stringify(b.keyJudgments)]),
    ];
    const copied = texts.flatMap((t) => [...shingles(t)].filter((s) => seedShingles.has(s)));
    expect(copied).toEqual([]);
  });

  it("and so are the test fixtures", () => {
    const texts = [...TEXT_FIXTURES, FIXTURES.page]
      .map(readFixture)
      .concat(RESEARCH_NOTE.title, ...RESEARCH_NOTE.paragraphs);
    const copied = texts.flatMap((t) => [...shingles(t)].filter((s) => seedShingles.has(s)));
    expect(copied).toEqual([]);
  });
});
