import { describe, expect, it } from "vitest";
import { arrayOf, prettyJsonChunks } from "../../server/export/json-stream.ts";

/** JSON written in pieces is byte for byte what JSON.stringify(value, null, 2) writes for the whole. */

async function written(entries: Record<string, unknown>) {
  const chunks: string[] = [];
  for await (const c of prettyJsonChunks(entries)) chunks.push(c);
  return { text: chunks.join(""), chunks: chunks.length };
}

const events = Array.from({ length: 7 }, (_, i) => ({
  id: `e${i}`,
  title: i % 2 ? 'A line\nbreak and "quotes"' : "گفت‌وگو در تهران",
  quotes: i % 3 ? [] : [{ quote: "x", nested: { deep: [1, null, { a: [] }] } }],
  rating: i % 4 ? null : "B2",
}));

describe("prettyJsonChunks", () => {
  it("matches JSON.stringify for arrays given in batches, with plain values around them", async () => {
    const batches = [events.slice(0, 3), [], events.slice(3, 6), events.slice(6)];
    const out = await written({
      head: { id: "w", filters: { tag: "border" }, none: null, skipped: undefined },
      events: arrayOf(batches),
      empty: arrayOf([[], []]),
      tail: "end",
    });
    expect(out.text).toBe(
      JSON.stringify(
        { head: { id: "w", filters: { tag: "border" }, none: null }, events, empty: [], tail: "end" },
        null,
        2,
      ),
    );
    expect(out.chunks).toBeGreaterThan(4);
  });

  it("takes batches from an async source, and writes an object with nothing in it as {}", async () => {
    async function* slowly() {
      for (const e of events) yield [e];
    }
    expect((await written({ events: arrayOf(slowly()) })).text).toBe(JSON.stringify({ events }, null, 2));
    expect((await written({ gone: undefined })).text).toBe(JSON.stringify({}, null, 2));
  });
});
