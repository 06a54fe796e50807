import path from "node:path";
import { describe, expect, it } from "vitest";
import { markdownFileOffThread, pdfDataOffThread } from "../../server/export/convert.ts";
import { ExportLimitError } from "../../server/export/limits.ts";
import { briefingMarkdown } from "../../server/export/markdown-export.ts";
import { buildPdfData } from "../../server/export/pdf-data.ts";
import { WorkerPool } from "../../server/export/worker-pool.ts";
import { makeBriefingDocument } from "../helpers/briefing-document.ts";

/**
 * Markdown conversion for exports runs in worker threads: the same result as
 * converting on the spot, refusals before any parsing for hostile shapes, and
 * a conversion stopped at its time limit without harming the next one. The
 * pool itself stops workers left idle, and starts them again when needed.
 */
describe("conversion off the main thread", () => {
  it("gives exactly what converting in place gives, for the PDF data and the Markdown file", async () => {
    const doc = makeBriefingDocument({ events: 12, sources: 8 });
    expect(await pdfDataOffThread(doc, "7")).toEqual(buildPdfData(doc, { revisionId: "7" }));
    expect(await markdownFileOffThread(doc, "7")).toBe(briefingMarkdown(doc, "7"));
  }, 120_000);

  it("refuses hostile shapes before any parsing, naming the part", async () => {
    const doc = makeBriefingDocument({ events: 1, sources: 1 });
    const refusal = (over: Partial<typeof doc>) => pdfDataOffThread({ ...doc, ...over }, null).catch((e: unknown) => e);
    expect(await refusal({ body: `${"- ".repeat(3000)}list` })).toMatchObject({
      kind: "TOO_COMPLEX",
      message: expect.stringMatching(/^In the body: Lists or quotes are nested more than 16 levels deep/),
    });
    const judgments = doc.keyJudgments.map((k, i) => (i === 0 ? { ...k, statement: `${"> ".repeat(40)}x` } : k));
    expect(await refusal({ keyJudgments: judgments })).toMatchObject({
      kind: "TOO_COMPLEX",
      message: expect.stringMatching(/^In the key judgment 1: /),
    });
    expect(await refusal({ summary: "word ".repeat(250_000) })).toMatchObject({
      kind: "TOO_LARGE",
      message: expect.stringMatching(/characters of text; an export takes at most 1,000,000/),
    });
  });

  it("stops a conversion past its time limit as too complex, and converts the next one", async () => {
    const heavy = makeBriefingDocument({ events: 1, sources: 1 });
    heavy.body = `${"*a* ".repeat(500)}\n\n`.repeat(10);
    const err = await pdfDataOffThread(heavy, null, { timeoutMs: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExportLimitError);
    expect(err).toMatchObject({ kind: "TOO_COMPLEX", message: expect.stringMatching(/took longer than/) });
    const doc = makeBriefingDocument({ events: 2, sources: 2 });
    expect(await pdfDataOffThread(doc, null)).toEqual(buildPdfData(doc, { revisionId: null }));
  }, 120_000);
});

describe("the export worker pool", () => {
  const pool = (idleMs?: number) =>
    new WorkerPool<number>({
      name: "echo",
      file: path.join(process.cwd(), "tests/fixtures/echo-worker.mjs"),
      workerData: null,
      size: 2,
      maxQueue: 8,
      idleMs,
      failure: (f) => new Error(f.message),
      timeout: () => new Error("timeout"),
    });
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("stops a worker left without work for its idle time, and starts one again for the next job", async () => {
    const p = pool(1000);
    expect(await Promise.all([p.run({ n: 1 }, 5000), p.run({ n: 2 }, 5000)])).toEqual([2, 4]);
    expect(p.workers).toBe(2);
    await settle(50);
    // Work within the idle time keeps a worker: its countdown starts again when it is free.
    expect(await p.run({ n: 3 }, 5000)).toBe(6);
    await settle(2500);
    expect(p.workers).toBe(0);
    expect(await p.run({ n: 4 }, 5000)).toBe(8);
    expect(p.workers).toBe(1);
    await settle(2500);
    expect(p.workers).toBe(0);
  }, 30_000);

  it("keeps its workers when no idle time is set", async () => {
    const p = pool();
    expect(await p.run({ n: 5 }, 5000)).toBe(10);
    await settle(300);
    expect(p.workers).toBe(1);
  }, 30_000);
});
