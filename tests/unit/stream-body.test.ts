import { describe, expect, it } from "vitest";
import { streamBody } from "../../server/http/stream-body.ts";

/** The downloads' body (briefing and chronology exports): pulled a chunk at a time, cut on error, stopped on cancel. */
const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe("streamBody", () => {
  it("asks for the next chunk only when the reader has taken the one before", async () => {
    let produced = 0;
    async function* chunks() {
      for (let i = 0; i < 10; i++) {
        produced++;
        yield `part ${i};`;
      }
    }
    const reader = streamBody(chunks(), { onError: () => {} }).getReader();
    expect(text((await reader.read()).value)).toBe("part 0;");
    await later(20);
    // The one read, and one queued ahead.
    expect(produced).toBe(2);
    let rest = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) rest += text(r.value);
    expect(rest).toBe(Array.from({ length: 9 }, (_, i) => `part ${i + 1};`).join(""));
  });

  it("cuts the transfer and reports the error when a chunk fails after the first", async () => {
    const errors: unknown[] = [];
    async function* chunks() {
      yield "the first rows";
      throw new Error("the database went away");
    }
    const reader = streamBody(chunks(), { onError: (e) => errors.push(e) }).getReader();
    expect(text((await reader.read()).value)).toBe("the first rows");
    await expect(reader.read()).rejects.toThrow("the database went away");
    expect(errors).toHaveLength(1);
  });

  it("stops producing when the client leaves, even mid-chunk, and reports no failure", async () => {
    const errors: unknown[] = [];
    const seen: string[] = [];
    async function* chunks() {
      try {
        for (let i = 0; ; i++) {
          await later(30);
          yield `part ${i}`;
        }
      } finally {
        seen.push("stopped");
      }
    }
    let cancels = 0;
    const body = streamBody(chunks(), { onError: (e) => errors.push(e), onCancel: () => cancels++ });
    // The first chunk is still being produced when the client goes away.
    await later(5);
    await body.cancel();
    expect(seen).toEqual(["stopped"]);
    await later(60);
    expect({ errors, cancels }).toEqual({ errors: [], cancels: 1 });
  });

  it("counts a download the client left as cancelled, even when the chunk under way then fails", async () => {
    const errors: unknown[] = [];
    let cancels = 0;
    // Fails in the middle of producing its first chunk.
    const chunks: AsyncIterable<string> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => {
          await later(30);
          throw new Error("the worker stopped");
        },
      }),
    };
    const body = streamBody(chunks, { onError: (e) => errors.push(e), onCancel: () => cancels++ });
    await later(5);
    await body.cancel();
    await later(60);
    expect({ errors, cancels }).toEqual({ errors: [], cancels: 1 });
  });
});
