import type { BriefingDocument, FrozenEvent, FrozenSource } from "../../server/schemas/briefing-document.ts";

/**
 * Briefing documents for export tests and the benchmark, written in our own
 * words: events and sources cite real outlets by title, publisher, date and URL
 * only. Persian quotes are short sentences of our own.
 */

export const PERSIAN_NAME = "محمدجواد ظریف";
export const PERSIAN_QUOTE = `${PERSIAN_NAME} گفت گفت‌وگو با طالبان ادامه دارد`;

const PUBLISHERS = [
  "Reuters",
  "BBC Persian",
  "Asharq Al-Awsat",
  "IRNA",
  "Tolo News",
  "The Diplomat",
  "Tasnim",
  "Al Jazeera",
];
const PLACES = ["Tehran", "Mashhad", "Kabul", "Herat", "Doha", "Zahedan", "Kandahar", "Islamabad"];

export function makeSources(n: number): FrozenSource[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `src${String(i + 1).padStart(3, "0")}`,
    version: 1 + (i % 3),
    revisionId: String(1000 + i),
    title:
      i % 5 === 3
        ? `گزارش درباره روابط ایران و طالبان ${i + 1}`
        : `Report ${i + 1} on contacts between Tehran and the Taliban`,
    kind: i % 4 === 0 ? "OFFICIAL_STATEMENT" : "NEWS_REPORT",
    publisher: PUBLISHERS[i % PUBLISHERS.length]!,
    author: "",
    dateText: `${1 + (i % 27)} ${["March", "May", "August", "November"][i % 4]} ${2001 + (i % 20)}`,
    url: `https://www.example.org/news/${2001 + (i % 20)}/iran-taliban-report-${i + 1}`,
    reliability: ["A", "B", "C", "D", null, "F"][i % 6] ?? null,
  }));
}

export function makeEvents(n: number, sources: FrozenSource[]): FrozenEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const year = 1998 + Math.floor((i * 24) / Math.max(1, n));
    const s1 = sources[i % sources.length]!;
    const s2 = sources[(i * 7 + 3) % sources.length]!;
    return {
      id: `evt${String(i + 1).padStart(3, "0")}`,
      version: 1 + (i % 4),
      revisionId: String(5000 + i),
      title: `${PLACES[i % PLACES.length]}: meeting ${i + 1} between Iranian officials and a Taliban delegation`,
      summary: "Officials met to discuss border security and refugees.",
      dateText:
        i % 9 === 0
          ? `c. ${year}`
          : i % 4 === 0
            ? `${["March", "May", "August"][i % 3]} ${year}`
            : `${1 + (i % 28)} May ${year}`,
      sortKey: new Date(Date.UTC(year, i % 12, 1 + (i % 28))).toISOString(),
      status: "PUBLISHED",
      rating: i % 10 === 0 ? null : `${"ABCDE"[i % 5]}${1 + (i % 5)}`,
      contested: i % 13 === 0,
      quotes: [
        {
          sourceId: s1.id,
          quote:
            i % 3 === 0
              ? PERSIAN_QUOTE
              : `Officials from both sides met in ${PLACES[i % PLACES.length]} to discuss the border.`,
          stance: "SUPPORTS" as const,
        },
        {
          sourceId: s2.id,
          quote: "A spokesman denied that any agreement had been reached.",
          stance: i % 5 === 0 ? ("CONTRADICTS" as const) : ("SUPPORTS" as const),
        },
      ],
    };
  });
}

/** A briefing citing every event and source, with paragraphs between the citations. */
export function makeBriefingDocument(
  opts: { events?: number; sources?: number; published?: boolean; body?: string } = {},
): BriefingDocument {
  const sources = makeSources(opts.sources ?? 12);
  const events = makeEvents(opts.events ?? 10, sources);
  const paragraphs: string[] = ["## Background", ""];
  events.forEach((e, i) => {
    if (i % 10 === 0 && i > 0) paragraphs.push(`## Period ${i / 10 + 1}`, "");
    paragraphs.push(
      `Contacts continued through this period, with officials on both sides describing the talks as practical rather than friendly [@event:${e.id}]. ` +
        `Reporting at the time *emphasised* border security and the **return of refugees** [@source:${sources[i % sources.length]!.id}].`,
      "",
    );
  });
  paragraphs.push(
    "- Border trade grew.\n- Water rights on the Helmand remained disputed.\n",
    "> Analysts read the meetings as hedging, not alignment.\n",
  );
  return {
    briefingId: "brf_fixture",
    figures: { timeline: false, network: false },
    workspaceName: "Iran, the Taliban and al-Qaeda",
    version: 7,
    versionNumber: 2,
    published: opts.published ?? true,
    title: "Iran and the Taliban: pragmatic contacts since 1998",
    marking: "TLP:AMBER",
    summary: `Tehran has kept working contacts with the Taliban since the late 1990s [@event:${events[0]!.id}], mixing pressure with engagement.`,
    keyJudgments: [
      {
        id: "kj1",
        statement: "Tehran will keep direct channels to the Taliban open.",
        probability: "VERY_LIKELY",
        confidence: "MODERATE",
        eventIds: events.slice(0, 2).map((e) => e.id),
        sourceIds: [sources[0]!.id],
      },
      {
        id: "kj2",
        statement: "A formal alliance is not in prospect.",
        probability: "UNLIKELY",
        confidence: "LOW",
        eventIds: [],
        sourceIds: [],
      },
    ],
    body: opts.body ?? paragraphs.join("\n"),
    authors: ["Analyst One", "Dana Writer"],
    reviewers: opts.published === false ? [] : ["Rita Reviewer"],
    publishedAt: opts.published === false ? null : "2026-11-20T09:30:00.000Z",
    exportedAt: "2026-11-21T17:05:00.000Z",
    cited: { events, sources },
    contentHash: "3f1c0d2e9a8b7c6d5e4f30211a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d",
  };
}
