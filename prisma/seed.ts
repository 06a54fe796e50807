import { db as defaultDb, type Db } from "../server/db/client.ts";
import type { Role } from "../server/policy.ts";
import type { EventDate } from "../server/schemas/partial-date.ts";
import { toDateColumns } from "../server/services/event-date-columns.ts";
import { hashPassword } from "../server/services/password.ts";
import { textHash } from "../server/services/source-identity.ts";

/**
 * The demo workspace shown on a first `npm start`. Deterministic: the same
 * accounts, workspace and entries every time. Written in the project's own
 * words; sources are cited, never copied.
 */
export const DEMO_PASSWORD = "dossier-demo";
export const DEMO_WORKSPACE = { slug: "iran-taliban-al-qaeda", name: "Iran, the Taliban and al-Qaeda" };

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: "admin@dossier.local", name: "Amina Admin", role: "ADMIN" },
  { email: "reviewer@dossier.local", name: "Rostam Reviewer", role: "REVIEWER" },
  { email: "analyst@dossier.local", name: "Ana Analyst", role: "ANALYST" },
  { email: "analyst2@dossier.local", name: "Bijan Analyst", role: "ANALYST" },
  { email: "viewer@dossier.local", name: "Vera Viewer", role: "VIEWER" },
];

type DemoEvent = {
  title: string;
  summary: string;
  status: "DRAFT" | "PUBLISHED";
  by: string;
  date: EventDate;
  tags: string[];
  entities: { name: string; role: "ACTOR" | "PLACE" | "OTHER"; placePrecision?: "CITY" | "COUNTRY" }[];
};

const DEMO_ENTITIES: { name: string; kind: "PERSON" | "ORGANIZATION" | "PLACE" | "OTHER"; aliases: string[] }[] = [
  { name: "Iran", kind: "PLACE", aliases: ["Islamic Republic of Iran"] },
  { name: "Taliban", kind: "ORGANIZATION", aliases: ["Islamic Emirate of Afghanistan", "Afghan Taliban"] },
  { name: "al-Qaeda", kind: "ORGANIZATION", aliases: ["al Qaeda", "al-Qaida"] },
  { name: "Islamic Revolutionary Guard Corps", kind: "ORGANIZATION", aliases: ["IRGC", "Sepah", "Pasdaran"] },
  { name: "Mashhad", kind: "PLACE", aliases: ["Mashad", "Meshed"] },
  { name: "Mazar-i-Sharif", kind: "PLACE", aliases: ["Mazar-e Sharif"] },
  { name: "Tehran", kind: "PLACE", aliases: [] },
  { name: "Tayyab Agha", kind: "PERSON", aliases: ["Tayyib Agha", "Syed Tayyab Agha"] },
  { name: "Reuters", kind: "ORGANIZATION", aliases: [] },
  { name: "Asharq Al-Awsat", kind: "ORGANIZATION", aliases: ["Asharq al-Awsat"] },
];

const DEMO_EVENTS: DemoEvent[] = [
  {
    title: "Iranian diplomats killed at Mazar-i-Sharif consulate",
    summary:
      "When Taliban forces took Mazar-i-Sharif in August 1998, Iranian diplomats and a journalist at the consulate were killed; Tehran massed troops on the border in response.",
    status: "PUBLISHED",
    by: "analyst@dossier.local",
    date: { start: { year: 1998, month: 8 }, end: null, qualifier: "EXACT" },
    tags: ["crisis"],
    entities: [
      { name: "Taliban", role: "ACTOR" },
      { name: "Iran", role: "ACTOR" },
      { name: "Mazar-i-Sharif", role: "PLACE", placePrecision: "CITY" },
    ],
  },
  {
    title: "Reported three-way meeting in Mashhad",
    summary:
      "Unnamed diplomatic and intelligence sources told a news agency that Iranian officials met al-Qaeda and Taliban militants in Mashhad in June to discuss coordination in case Iran were attacked. A senior German official would not confirm it.",
    status: "DRAFT",
    by: "analyst2@dossier.local",
    date: { start: { year: 2007, month: 6 }, end: null, qualifier: "EXACT" },
    tags: ["meeting", "unconfirmed"],
    entities: [
      { name: "Iran", role: "ACTOR" },
      { name: "al-Qaeda", role: "ACTOR" },
      { name: "Taliban", role: "ACTOR" },
      { name: "Mashhad", role: "PLACE", placePrecision: "CITY" },
    ],
  },
  {
    title: "Taliban delegation visits Tehran",
    summary: "A Taliban political delegation held talks in Tehran, a visit both sides described as part of regional consultations.",
    status: "PUBLISHED",
    by: "analyst@dossier.local",
    date: { start: { year: 2015, month: 5 }, end: null, qualifier: "EXACT" },
    tags: ["diplomacy"],
    entities: [
      { name: "Taliban", role: "ACTOR" },
      { name: "Tayyab Agha", role: "ACTOR" },
      { name: "Tehran", role: "PLACE", placePrecision: "CITY" },
    ],
  },
  {
    title: "Taliban spokesman confirms ongoing links with Iran",
    summary: "The Taliban's chief spokesman told a London-based Arabic daily that the movement keeps relations with Iran, while denying it had a representative there.",
    status: "PUBLISHED",
    by: "analyst2@dossier.local",
    date: { start: { year: 2016 }, end: null, qualifier: "CIRCA" },
    tags: ["diplomacy", "statement"],
    entities: [
      { name: "Taliban", role: "ACTOR" },
      { name: "Iran", role: "OTHER" },
    ],
  },
];

type DemoSource = {
  title: string;
  publisher: string;
  kind: "NEWS_REPORT" | "REPORT" | "INTERVIEW";
  pubYear: number;
  /** A summary in the project's own words; the article itself is not reproduced. */
  summary: string;
  cites: { event: string; stance: "SUPPORTS" | "CONTRADICTS" | "MENTIONS"; passage: string }[];
};

const DEMO_SOURCES: DemoSource[] = [
  {
    title: "Iran talks to Taliban, unsure of al Qaeda: Germany",
    publisher: "Reuters",
    kind: "NEWS_REPORT",
    pubYear: 2007,
    summary:
      "Summary: A former head of Germany's foreign intelligence service said he believed Iran was in talks with the Taliban, while its attitude to al-Qaeda was ambivalent. " +
      "The agency also reported, from two unnamed sources, that Iranian officials had held three-way meetings with al-Qaeda and Taliban militants since June, one of them in Mashhad near the Afghan border. " +
      "The German official said he could not confirm those meetings.",
    cites: [
      { event: "Reported three-way meeting in Mashhad", stance: "SUPPORTS", passage: "one of them in Mashhad near the Afghan border" },
      { event: "Reported three-way meeting in Mashhad", stance: "MENTIONS", passage: "he could not confirm those meetings" },
    ],
  },
  {
    title: "Afghan Taliban still maintains a relationship with Iran",
    publisher: "Asharq Al-Awsat",
    kind: "INTERVIEW",
    pubYear: 2016,
    summary:
      "Summary: The Taliban's chief spokesman, Zabihullah Mujahid, told the newspaper that the movement has relations and new links with Iran as part of a search for regional agreements, but denied that it had named a representative in Iran.",
    cites: [{ event: "Taliban spokesman confirms ongoing links with Iran", stance: "SUPPORTS", passage: "the movement has relations and new links with Iran" }],
  },
];

async function reset(db: Db): Promise<void> {
  const ws = await db.workspace.findUnique({ where: { slug: DEMO_WORKSPACE.slug }, select: { id: true } });
  if (ws) await db.workspace.delete({ where: { id: ws.id } });
  await db.user.deleteMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } } });
}

export async function seedDemo(opts: { reset?: boolean; log?: (line: string) => void; db?: Db } = {}): Promise<void> {
  const log = opts.log ?? (() => {});
  const db = opts.db ?? defaultDb;
  if (opts.reset) await reset(db);

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const user = await db.user.upsert({
      where: { email: account.email },
      update: {},
      create: { email: account.email, name: account.name, passwordHash },
      select: { id: true },
    });
    users.set(account.email, user.id);
  }

  const workspace = await db.workspace.upsert({
    where: { slug: DEMO_WORKSPACE.slug },
    update: {},
    create: {
      slug: DEMO_WORKSPACE.slug,
      name: DEMO_WORKSPACE.name,
      description:
        "Relations between Iran, the Taliban and al-Qaeda since 1998: a sourced chronology, reliability ratings and briefings.",
    },
    select: { id: true },
  });

  for (const account of DEMO_ACCOUNTS) {
    await db.membership.upsert({
      where: { workspaceId_userId: { workspaceId: workspace.id, userId: users.get(account.email)! } },
      update: {},
      create: { workspaceId: workspace.id, userId: users.get(account.email)!, role: account.role },
    });
  }

  const existing = await db.event.count({ where: { workspaceId: workspace.id } });
  if (existing === 0) {
    const adminId = users.get("admin@dossier.local")!;
    const entityIds = new Map<string, string>();
    for (const e of DEMO_ENTITIES) {
      const created = await db.entity.create({
        data: {
          workspaceId: workspace.id,
          kind: e.kind,
          name: e.name,
          createdById: adminId,
          aliases: { create: e.aliases.map((alias) => ({ alias, workspaceId: workspace.id })) },
        },
        select: { id: true },
      });
      entityIds.set(e.name, created.id);
    }
    // Fixed timestamps keep the seed deterministic.
    let t = Date.UTC(2026, 0, 5, 9, 0, 0);
    const eventIds = new Map<string, string>();
    for (const e of DEMO_EVENTS) {
      const by = users.get(e.by)!;
      const at = new Date((t += 3_600_000));
      const event = await db.event.create({
        data: {
          workspaceId: workspace.id,
          title: e.title,
          summary: e.summary,
          status: e.status,
          tags: e.tags,
          ...toDateColumns(e.date),
          createdById: by,
          updatedById: by,
          createdAt: at,
          entities: {
            create: e.entities.map((l) => ({ entityId: entityIds.get(l.name)!, role: l.role, placePrecision: l.placePrecision ?? null })),
          },
        },
        select: { id: true },
      });
      eventIds.set(e.title, event.id);
      await db.revision.create({
        data: {
          workspaceId: workspace.id,
          targetType: "event",
          targetId: event.id,
          version: 1,
          action: "created",
          actorId: by,
          createdAt: at,
          snapshot: { title: e.title, summary: e.summary, date: e.date, tags: e.tags, entities: [], status: e.status },
        },
      });
    }
    for (const src of DEMO_SOURCES) {
      const by = users.get("analyst@dossier.local")!;
      const source = await db.source.create({
        data: {
          workspaceId: workspace.id,
          kind: src.kind,
          title: src.title,
          publisherId: entityIds.get(src.publisher) ?? null,
          pubYear: src.pubYear,
          language: "en",
          text: src.summary,
          textHash: textHash(src.summary),
          createdById: by,
          updatedById: by,
          createdAt: new Date((t += 3_600_000)),
        },
        select: { id: true },
      });
      for (const c of src.cites) {
        const start = src.summary.indexOf(c.passage);
        if (start < 0) throw new Error(`Demo passage not found: ${c.passage}`);
        const end = start + c.passage.length;
        await db.citation.create({
          data: {
            workspaceId: workspace.id,
            eventId: eventIds.get(c.event)!,
            sourceId: source.id,
            stance: c.stance,
            quote: c.passage,
            startOffset: start,
            endOffset: end,
            contextBefore: src.summary.slice(Math.max(0, start - 80), start),
            contextAfter: src.summary.slice(end, end + 80),
            createdById: by,
          },
        });
      }
    }
  }
  log(`Demo workspace "${DEMO_WORKSPACE.name}" is ready.`);
}
