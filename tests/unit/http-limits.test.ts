import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readBody, readLimited } from "../../server/http/body-limit.ts";
import { batchLength, batchProblem } from "../../server/http/rpc-limits.ts";
import { isDatabaseUnavailable } from "../../server/http/unavailable.ts";

/** The reusable parts of the HTTP limits, on their own. */

describe("readBody", () => {
  const stream = (chunks: number, size: number) => {
    let pulled = 0;
    return {
      body: new ReadableStream<Uint8Array>({
        pull(c) {
          if (pulled++ === chunks) c.close();
          else c.enqueue(new Uint8Array(size).fill(65));
        },
      }),
      pulled: () => pulled,
    };
  };

  it("reads a body within the limit whole", async () => {
    const s = stream(4, 1000);
    const bytes = await readBody(
      new Request("http://x/", { method: "POST", body: s.body, duplex: "half" } as RequestInit),
      4000,
    );
    expect(bytes.byteLength).toBe(4000);
  });

  it("stops reading a body without a length once it passes the limit", async () => {
    const s = stream(1_000_000, 1000);
    const err = await readLimited(s.body, 10_000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BodyTooLargeError);
    expect((err as Error).message).toBe("The request is larger than 10 KB.");
    expect(s.pulled()).toBeLessThanOrEqual(13);
  });

  it("refuses a declared length past the limit before reading anything", async () => {
    const s = stream(1_000_000, 1000);
    const req = { headers: new Headers({ "content-length": String(50 * 1024 * 1024) }), body: s.body } as Request;
    await expect(readBody(req, 1024 * 1024)).rejects.toThrow("The request is larger than 1 MB.");
    expect(s.pulled()).toBeLessThanOrEqual(1);
  });

  it("reads Node-style byte streams (async iterables) the same way", async () => {
    async function* chunks() {
      for (;;) yield new Uint8Array(4096);
    }
    await expect(readLimited(chunks(), 64 * 1024)).rejects.toBeInstanceOf(BodyTooLargeError);
  });
});

describe("batches", () => {
  const url = (s: string) => new URL(`http://x/api/trpc/${s}`);
  it("counts the calls of a batch, and one for a single call", () => {
    expect(batchLength(url("a.b,c.d,e.f?batch=1"), "/api/trpc")).toBe(3);
    expect(batchLength(url("a.b,c.d"), "/api/trpc")).toBe(1);
    expect(batchProblem(url(`${Array(50).fill("a.b").join(",")}?batch=1`), "/api/trpc")).toBeNull();
    expect(batchProblem(url(`${Array(51).fill("a.b").join(",")}?batch=1`), "/api/trpc")).toBe(
      "This request batches 51 calls; at most 50 may be sent together. Send them in smaller batches.",
    );
  });
});

describe("isDatabaseUnavailable", () => {
  it.each([
    ["connection refused", Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })],
    ["a dropped connection", new Error("Connection terminated unexpectedly")],
    ["a pool wait that ran out", new Error("timeout exceeded when trying to connect")],
    ["the server starting up", Object.assign(new Error("the database system is starting up"), { code: "57P03" })],
    ["the server shut down", { code: "57P01", message: "terminating connection due to administrator command" }],
    ["too many connections", { code: "53300", message: "sorry, too many clients already" }],
    ["Prisma cannot reach it", { code: "P1001", message: "Can't reach database server" }],
    ["a Prisma transaction that could not start in time", { code: "P2028", message: "Unable to start a transaction" }],
    [
      "the driver adapter's words",
      { code: "P2010", meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } } },
    ],
    ["wrapped", new Error("outer", { cause: { code: "ECONNRESET" } })],
  ])("%s: yes", (_name, err) => expect(isDatabaseUnavailable(err)).toBe(true));

  it.each([
    ["a unique violation", { code: "P2002", message: "Unique constraint failed" }],
    ["a serialisation failure", { code: "40001", message: "could not serialize access" }],
    ["a bug", new TypeError("Cannot read properties of undefined")],
    ["nothing", null],
  ])("%s: no", (_name, err) => expect(isDatabaseUnavailable(err)).toBe(false));
});
