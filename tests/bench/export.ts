import type { Block, Inline } from "../../server/export/markdown-tree.ts";
import type { PdfData } from "../../server/export/pdf-data.ts";
import { percentile, withDemoDatabase, type BenchRow } from "./bench-kit.ts";

/**
 * PDF export of a 100-event briefing citing 40 sources, with Persian quotes,
 * from a real database (embedded Postgres, demo seed plus generated material):
 * - server time from request to last byte, calling the route handler in-process
 *   with a real request and reading the body to the end (20 runs after warm-up);
 * - the same content (the data the Typst template receives, as HTML) printed by
 *   a warm headless Chromium (page.setContent + page.pdf), 20 runs, and the ratio;
 * - peak resident memory of this process (the server: route, services and the
 *   compile workers) during 20 concurrent exports.
 * Measures and prints; asserts nothing.
 */
const ms = (x: number) => `${x.toFixed(0)} ms`;
const mb = (x: number) => `${(x / 2 ** 20).toFixed(0)} MB`;

const PERSIAN_QUOTES = [
  "محمدجواد ظریف گفت گفت‌وگو با طالبان ادامه دارد",
  "هیئت طالبان برای گفت‌وگو درباره مرز به تهران آمد",
  "سخنگوی وزارت خارجه گفت هیچ توافقی امضا نشده است",
];

async function seedBriefing(): Promise<{ briefingId: string; viewerId: string; analystId: string; body: string }> {
  const { db } = await import("../../server/db/client.ts");
  const { toDateColumns } = await import("../../server/lib/event-date-columns.ts");
  const { citedIdsOf, loadCitedMaterial } = await import("../../server/services/briefing/index.ts");
  const { contentHash } = await import("../../server/services/briefing/index.ts");
  const { PUBLISHED_VIEW } = await import("../../server/services/vote/index.ts");
  const ws = await db.workspace.findFirstOrThrow({ where: { slug: "iran-taliban-al-qaeda" }, select: { id: true } });
  const users = await db.user.findMany({
    where: {
      email: { in: ["analyst@dossier.local", "reviewer@dossier.local", "viewer@dossier.local", "admin@dossier.local"] },
    },
    select: { id: true, email: true },
  });
  const user = (e: string) => users.find((u) => u.email === e)!.id;
  const analyst = user("analyst@dossier.local");

  const publishers = [
    "Reuters",
    "BBC Persian",
    "Asharq Al-Awsat",
    "IRNA",
    "Tolo News",
    "The Diplomat",
    "Tasnim",
    "Al Jazeera",
  ].map((name, i) => ({
    id: `bench-pub-${i}`,
    workspaceId: ws.id,
    kind: "ORGANIZATION" as const,
    name: `${name} (bench)`,
    createdById: analyst,
  }));
  await db.entity.createMany({ data: publishers });
  const sources = Array.from({ length: 40 }, (_, i) => ({
    id: `bench-src-${i}`,
    workspaceId: ws.id,
    kind: "NEWS_REPORT" as const,
    title:
      i % 5 === 0
        ? `گزارش ${i + 1} درباره روابط ایران و طالبان`
        : `Report ${i + 1} on contacts between Tehran and the Taliban`,
    publisherId: publishers[i % publishers.length]!.id,
    pubYear: 2001 + (i % 20),
    pubMonth: 1 + (i % 12),
    pubDay: 1 + (i % 27),
    url: `https://www.example.org/bench/${i + 1}`,
    text: `${PERSIAN_QUOTES[i % 3]}. Officials from both sides met to discuss the border. A spokesman denied that any agreement had been reached.`,
    createdById: analyst,
    updatedById: analyst,
  }));
  await db.source.createMany({ data: sources });
  const events = Array.from({ length: 100 }, (_, i) => ({
    id: `bench-evt-${String(i).padStart(3, "0")}`,
    workspaceId: ws.id,
    title: `${["Tehran", "Mashhad", "Kabul", "Herat", "Doha"][i % 5]}: meeting ${i + 1} between Iranian officials and a Taliban delegation`,
    summary: "Officials met to discuss border security and refugees.",
    status: "PUBLISHED" as const,
    createdById: analyst,
    updatedById: analyst,
    ...toDateColumns({
      start: { year: 1998 + Math.floor(i / 4), month: 1 + (i % 12), day: i % 3 === 0 ? null : 1 + (i % 28) },
      end: null,
      qualifier: i % 9 === 0 ? "CIRCA" : "EXACT",
    }),
  }));
  await db.event.createMany({ data: events });
  await db.revision.createMany({
    data: events.map((e) => ({
      workspaceId: ws.id,
      targetType: "event",
      targetId: e.id,
      version: 1,
      action: "created",
      snapshot: { title: e.title },
      actorId: analyst,
    })),
  });
  const citations = events.flatMap((e, i) => {
    const a = sources[i % 40]!;
    const b = sources[(i * 7 + 3) % 40]!;
    const quoteA = PERSIAN_QUOTES[i % 3]!;
    const quoteB = "Officials from both sides met to discuss the border";
    return [
      {
        workspaceId: ws.id,
        eventId: e.id,
        sourceId: a.id,
        stance: "SUPPORTS" as const,
        quote: quoteA,
        startOffset: 0,
        endOffset: quoteA.length,
        createdById: analyst,
      },
      ...(a.id === b.id
        ? []
        : [
            {
              workspaceId: ws.id,
              eventId: e.id,
              sourceId: b.id,
              stance: "SUPPORTS" as const,
              quote: quoteB,
              startOffset: a.text.indexOf(quoteB),
              endOffset: a.text.indexOf(quoteB) + quoteB.length,
              createdById: analyst,
            },
          ]),
    ];
  });
  await db.citation.createMany({ data: citations });
  const voters = users.map((u) => u.id);
  await db.vote.createMany({
    data: [
      ...publishers.flatMap((p, i) =>
        voters.map((v) => ({
          workspaceId: ws.id,
          voterId: v,
          axis: "RELIABILITY" as const,
          entityId: p.id,
          grade: "ABCDEF"[i % 6]!,
        })),
      ),
      ...events
        .filter((_, i) => i % 10 !== 0)
        .flatMap((e, i) =>
          voters.map((v, j) => ({
            workspaceId: ws.id,
            voterId: v,
            axis: "CREDIBILITY" as const,
            eventId: e.id,
            grade: String(1 + ((i + j) % 5)),
          })),
        ),
    ],
  });

  const paragraphs: string[] = [];
  events.forEach((e, i) => {
    if (i % 10 === 0) paragraphs.push(`## ${1998 + Math.floor(i / 4)}–${1998 + Math.floor((i + 9) / 4)}`);
    paragraphs.push(
      `Contacts continued through this period, with officials on both sides describing the talks as practical rather than friendly [@event:${e.id}]. ` +
        `Reporting at the time emphasised border security, water rights on the Helmand and the return of refugees [@source:${sources[i % 40]!.id}]. ` +
        "Analysts read the meetings as hedging against a collapse of the government in Kabul rather than as a sign of alignment.",
    );
  });
  const content = {
    title: "Iran and the Taliban: pragmatic contacts since 1998 (benchmark)",
    marking: "TLP:AMBER" as const,
    summary: `Tehran has kept working contacts with the Taliban since the late 1990s [@event:${events[0]!.id}], mixing pressure with engagement.`,
    body: paragraphs.join("\n\n"),
    keyJudgments: [
      {
        id: "kj1",
        statement: "Tehran will keep direct channels to the Taliban open.",
        probability: "VERY_LIKELY" as const,
        confidence: "MODERATE" as const,
        eventIds: events.slice(0, 3).map((e) => e.id),
        sourceIds: [sources[0]!.id],
      },
      {
        id: "kj2",
        statement: "A formal alliance is not in prospect.",
        probability: "UNLIKELY" as const,
        confidence: "LOW" as const,
        eventIds: [],
        sourceIds: [],
      },
    ],
  };
  const briefing = await db.briefing.create({
    data: {
      workspaceId: ws.id,
      ...content,
      status: "PUBLISHED",
      version: 1,
      authorIds: [analyst],
      createdById: analyst,
      updatedById: analyst,
      publishedAt: new Date(),
    },
    select: { id: true },
  });
  const { material } = await loadCitedMaterial(db, ws.id, citedIdsOf(content), PUBLISHED_VIEW);
  await db.briefingPublication.create({
    data: {
      briefingId: briefing.id,
      workspaceId: ws.id,
      version: 1,
      content,
      cited: material,
      authorIds: [analyst],
      reviewerIds: [user("reviewer@dossier.local")],
      contentHash: contentHash(content, material),
    },
  });
  return { briefingId: briefing.id, viewerId: user("viewer@dossier.local"), analystId: analyst, body: content.body };
}

// ---- The same content as HTML, for Chromium -----------------------------------

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
function inlineHtml(n: Inline): string {
  switch (n.t) {
    case "text":
      return esc(n.v);
    case "em":
      return `<em>${n.c.map(inlineHtml).join("")}</em>`;
    case "strong":
      return `<strong>${n.c.map(inlineHtml).join("")}</strong>`;
    case "del":
      return `<s>${n.c.map(inlineHtml).join("")}</s>`;
    case "code":
      return `<code>${esc(n.v)}</code>`;
    case "link":
      return `${n.c.map(inlineHtml).join("")}${n.url ? ` (<code>${esc(n.url)}</code>)` : ""}`;
    case "br":
      return "<br>";
    case "sep":
      return "<sup>,</sup>";
    case "cite":
      return `<sup>${n.n}</sup>`;
    case "missing":
      return `[${n.kind} not available]`;
  }
}
function blockHtml(b: Block): string {
  const dir = (rtl: boolean) => (rtl ? ' dir="rtl" lang="fa"' : "");
  switch (b.t) {
    case "p":
      return `<p${dir(b.rtl)}>${b.c.map(inlineHtml).join("")}</p>`;
    case "h":
      return `<h${Math.min(b.level + 1, 6)}${dir(b.rtl)}>${b.c.map(inlineHtml).join("")}</h${Math.min(b.level + 1, 6)}>`;
    case "code":
      return `<pre>${esc(b.v)}</pre>`;
    case "list":
      return `<${b.ordered ? "ol" : "ul"}>${b.items.map((i) => `<li>${i.map(blockHtml).join("")}</li>`).join("")}</${b.ordered ? "ol" : "ul"}>`;
    case "quote":
      return `<blockquote>${b.c.map(blockHtml).join("")}</blockquote>`;
    case "table":
      return `<table>${b.rows.map((r) => `<tr>${r.map((c) => `<td${dir(c.rtl)}>${c.c.map(inlineHtml).join("")}</td>`).join("")}</tr>`).join("")}</table>`;
    case "hr":
      return "<hr>";
  }
}
function html(d: PdfData): string {
  const t = (x: { v: string; rtl: boolean }) => `<span${x.rtl ? ' dir="rtl" lang="fa"' : ""}>${esc(x.v)}</span>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
    body { font-family: "Source Serif 4", "Vazirmatn", serif; font-size: 10.5pt; line-height: 1.45; text-align: justify; }
    h1, h2, h3 { page-break-after: avoid; } table { border-collapse: collapse; width: 100%; font-size: 9pt; }
    td, th { border-bottom: 0.4pt solid #bbb; padding: 4pt; vertical-align: top; } .q { font-size: 8pt; color: #444; border-left: 1px solid #bbb; padding-left: 6px; }
    .notes { font-size: 8.5pt; } code, pre { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
  </style></head><body>
  <p>${t(d.workspace)}</p><h1>${t(d.title)}</h1>
  <p>Authors: ${esc(d.authors)}<br>Reviewed by: ${esc(d.reviewers)}<br>${esc(d.dateLabel)}: ${esc(d.dateText)}<br>Version ${d.version}<br>${esc(d.marking)}</p>
  <h2>Summary</h2>${d.summary.map(blockHtml).join("")}
  <h2>Key judgments</h2>${d.judgments.map((k, i) => `<p><b>KJ${i + 1}</b> ${k.statement.map(inlineHtml).join("")}<br><small><b>${esc(k.term)}</b> (${esc(k.range)}) · ${esc(k.confidence)}</small></p>`).join("")}
  <h2>Analysis</h2>${d.body.map(blockHtml).join("")}
  <h2>Notes</h2><ol class="notes">${d.notes.map((n) => `<li>${n.kind === "event" ? `Event: ${t(n.title)}. ${esc(n.date)}. Rating ${esc(n.rating)}.` : `Source: ${t(n.title)}${n.publisher ? `, ${t(n.publisher)}` : ""}. ${esc(n.date)}. Reliability ${esc(n.reliability)}. ${n.url ? `<code>${esc(n.url)}</code>` : ""}`}</li>`).join("")}</ol>
  <h2>Chronology of cited events</h2><table><tr><th>Date</th><th>Event</th><th>Rating</th></tr>${d.chronology
    .map(
      (e) =>
        `<tr><td>${esc(e.date)}</td><td><b>${t(e.title)}</b>${e.quotes.map((q) => `<div class="q">${q.texts.map((x) => `<p${x.text.rtl ? ' dir="rtl" lang="fa"' : ""}>“${esc(x.text.v)}”${x.label ? `<br><small>${esc(x.label)}</small>` : ""}</p>`).join("")}— ${esc(q.source)} (${q.stance})</div>`).join("")}</td><td>${esc(e.rating)}</td></tr>`,
    )
    .join("")}</table>
  <h2>Sources</h2><ol>${d.sources.map((s) => `<li>${t(s.title)}${s.publisher ? `. ${t(s.publisher)}` : ""}. ${esc(s.date)}. ${esc(s.kind)}. Reliability of the origin: ${esc(s.reliability)}.${s.url ? `<br><code>${esc(s.url)}</code>` : ""}</li>`).join("")}</ol>
  <h2>Manifest</h2><p>Briefing ${esc(d.manifest.briefingId)}, version ${d.manifest.version}. Exported ${esc(d.manifest.exportedAt)}. sha256:${esc(d.manifest.contentHash)}</p>
  <p>${d.manifest.items.map((i) => `${i.kind} ${esc(i.id)} v${i.version} rev ${esc(i.revisionId)}`).join("<br>")}</p>
  </body></html>`;
}

export async function exportBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  process.env.LOG_LEVEL ??= "warn";
  await withDemoDatabase("export", async () => {
    const { briefingId, viewerId, analystId, body } = await seedBriefing();

    const { db } = await import("../../server/db/client.ts");
    const { createSession } = await import("../../server/services/auth/index.ts");
    const { authSecret } = await import("../../server/auth.ts");
    const { encode } = await import("next-auth/jwt");
    const { NextRequest } = await import("next/server");
    const { GET } = await import("../../app/api/briefings/[id]/export/route.ts");
    const sessionId = await createSession(db, viewerId, { ip: "127.0.0.1", userAgent: "bench" });
    const cookie = `next-auth.session-token=${await encode({ token: { sid: sessionId, sub: viewerId }, secret: authSecret() })}`;

    const analystSession = await createSession(db, analystId, { ip: "127.0.0.1", userAgent: "bench" });
    const analystCookie = `next-auth.session-token=${await encode({ token: { sid: analystSession, sub: analystId }, secret: authSecret() })}`;

    let pages: number;
    const exportOnce = async (query = "", as = cookie) => {
      const t0 = performance.now();
      const res = await GET(
        new NextRequest(`http://127.0.0.1/api/briefings/${briefingId}/export?format=pdf${query}`, {
          headers: { cookie: as },
        }),
        { params: Promise.resolve({ id: briefingId }) },
      );
      if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
      const reader = res.body!.getReader();
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
      }
      return { ms: performance.now() - t0, bytes };
    };

    // Warm-up: compile workers started, fonts loaded, Prisma connected.
    const first = await exportOnce();
    rows.push({ metric: "export: first PDF (cold worker, fonts loaded)", value: ms(first.ms), target: "" });
    await exportOnce();
    const typst: number[] = [];
    let size = 0;
    for (let i = 0; i < 20; i++) {
      const r = await exportOnce();
      typst.push(r.ms);
      size = r.bytes;
    }
    // A draft exported after each edit: nothing cached for this content, cited material read live.
    const edited: number[] = [];
    for (let i = 0; i < 10; i++) {
      await db.briefing.update({
        where: { id: briefingId },
        data: { body: `${body}\n\nEdit ${i}: one more paragraph written since the last export.` },
      });
      edited.push((await exportOnce("&version=working", analystCookie)).ms);
    }
    {
      const { loadBriefingForExport } = await import("../../server/services/briefing/index.ts");
      const { buildPdfData } = await import("../../server/export/pdf-data.ts");
      const { compilePdf } = await import("../../server/export/compile.ts");
      const { doc, revisionId } = await loadBriefingForExport({ userId: viewerId }, briefingId, undefined);
      const data = buildPdfData(doc, { revisionId });
      pages = (await compilePdf(data)).pages;

      // Chromium, warm: launched once, one print before measuring.
      const { chromium } = await import("playwright-core");
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });
      try {
        const page = await browser.newPage();
        const markup = html(data);
        const print = async () => {
          const t0 = performance.now();
          await page.setContent(markup, { waitUntil: "load" });
          const pdf = await page.pdf({
            format: "A4",
            margin: { top: "2.7cm", bottom: "2.5cm", left: "2.3cm", right: "2.3cm" },
            displayHeaderFooter: true,
            headerTemplate: `<div style="font-size:8px;margin-left:2.3cm">${esc(data.marking)}</div>`,
            footerTemplate: `<div style="font-size:8px;width:100%;display:flex;justify-content:space-between;padding:0 2.3cm"><span>${esc(data.marking)}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
          });
          return { ms: performance.now() - t0, bytes: pdf.length };
        };
        await print();
        await print();
        const chrome: number[] = [];
        for (let i = 0; i < 20; i++) chrome.push((await print()).ms);
        rows.push({
          metric: `export: 100 events, 40 sources, Persian quotes → PDF (${pages} pages, ${(size / 1024).toFixed(0)} KB): p50 / p95, 20 runs`,
          value: `${ms(percentile(typst, 0.5))} / ${ms(percentile(typst, 0.95))}`,
          target: "≤ 250 ms",
        });
        rows.push({
          metric: "export: the working copy after each of 10 edits (nothing cached): p50 / p95",
          value: `${ms(percentile(edited, 0.5))} / ${ms(percentile(edited, 0.95))}`,
          target: "",
        });
        rows.push({
          metric: "export: same content, warm headless Chromium page.pdf: p50 / p95",
          value: `${ms(percentile(chrome, 0.5))} / ${ms(percentile(chrome, 0.95))}`,
          target: "",
        });
        rows.push({
          metric: "export: Chromium p50 ÷ Typst export p50",
          value: `${(percentile(chrome, 0.5) / percentile(typst, 0.5)).toFixed(1)}×`,
          target: "≥ 10×",
        });
      } finally {
        await browser.close();
      }
    }

    // 20 at once: the pool compiles two at a time, the rest wait their turn.
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const t0 = performance.now();
    const all = await Promise.all(Array.from({ length: 20 }, () => exportOnce()));
    const wall = performance.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    rows.push({
      metric: "export: 20 concurrent exports: wall time / slowest",
      value: `${ms(wall)} / ${ms(Math.max(...all.map((r) => r.ms)))}`,
      target: "",
    });
    rows.push({
      metric: "export: peak RSS during 20 concurrent exports (before)",
      value: `${mb(peak)} (${mb(baseline)})`,
      target: "",
    });
  });
  return rows;
}
