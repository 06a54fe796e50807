import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { sampleTimings, type BenchRow } from "./bench-kit.ts";

/**
 * `BENCH_ONLY=curation`: latency of the curation procedures on a large
 * workspace. A throw-away database (embedded PostgreSQL in a temp dir, or a
 * fresh `dossier_bench` database on DATABASE_URL's server, left in place for
 * EXPLAIN afterwards) is migrated and seeded like a first start, then the demo
 * workspace is filled by set-based SQL: 100,000 events, 30,000 sources of
 * ~5 KB text, 200,000 citations, 5,000 entities, ~200,000 event–entity links.
 * The procedures are then called in-process through `createCaller` as the demo
 * analyst with a real session, so auth, services and SQL are all measured.
 *
 * BENCH_CURATION_SCALE=0.1 shrinks the data (for working on this file).
 */

const SCALE = Number(process.env.BENCH_CURATION_SCALE ?? 1);
const COUNTS = {
  events: Math.round(100_000 * SCALE),
  sources: Math.round(30_000 * SCALE),
  citations: Math.round(200_000 * SCALE),
  entities: Math.max(500, Math.round(5_000 * SCALE)),
  /** Citations go to the first 60% of events, so "has a citation" is a real filter. */
  citedEvents: Math.round(60_000 * SCALE),
};
/** Outside the cited range, so it gets exactly the citations given to it on purpose. */
const CHOSEN_EVENT = Math.round(COUNTS.events * 0.7777);
const CHOSEN_CITATIONS = 50;
/** Media organisations, the first entities: publishers of sources, never linked to events. */
const PUBLISHERS = 200;
const SOURCE_CHARS = 5_000;
/** English sentences: 13 groups (0 = everyday English, 1–12 = one per topic) of this many. */
const SENTENCES_PER_TOPIC = 2_000;
const PERSIAN_SENTENCES = 3_000;
const BENCH_DB = "dossier_bench";
const IP = "203.0.113.9";

// ---------------------------------------------------------------------------
// Vocabulary. Words are listed roughly from frequent to rare and picked with a
// Zipf-like skew, so a search for a common word matches most sources and a
// rarer one only a few per cent, as in real text.
// ---------------------------------------------------------------------------

const words = (s: string) => [...new Set(s.trim().split(/\s+/))];

const GENERAL = words(`
  the of and to in a that is was for on with as by said at from it his he be were has have had which are an its
  not but they this who been their after also would more will or one two year government officials over about
  told than new other into last could while people first three since some during against between under there
  before them country local security political state power support years report week month including former
  public according region capital president leader group party members area control say says called made take
  took meeting relations agreement statement decision policy issue question position role interest process
  situation development move plan effort action change part number level time day way world international
  national foreign regional central senior official minister spokesman team side both each several many most
  such only even still however although because whether where when what further again already almost always
  never often later early recent recently current long short large small major high low strong weak clear
  possible likely important serious direct secret private economic religious cultural social strategic
  historical old young future past present following next previous western eastern northern southern city
  town village province district borderlands neighbouring community families children women men leaders
  elders council committee movement organisation network office officer spokesperson representative
  delegation visit trip journey arrival departure talks discussion debate conversation message letter call
  request demand offer proposal promise warning threat concern fear hope trust doubt pressure tension crisis
  conflict dispute rivalry cooperation partnership alliance friendship hostility suspicion ambivalence
  pragmatism interests ideology doctrine tradition history memory narrative account version evidence record
  document archive transcript testimony witness observer analyst researcher scholar expert academic
  commentator diplomat envoy emissary intermediary broker guarantor
`);

/** One list per topic; each event and source has a topic, whose words its text uses more. */
const TOPICS: { tag: string; words: string[] }[] = [
  {
    tag: "diplomacy",
    words: words(
      `talks delegation minister foreign ambassador embassy relations consulate negotiations dialogue ministry bilateral counterpart summit invitation mediation accord communique protocol negotiators credentials rapprochement memorandum demarche attache plenipotentiary`,
    ),
  },
  {
    tag: "military",
    words: words(
      `forces troops attack fighters army commander weapons offensive militia soldiers artillery ambush convoy checkpoint airstrike battalion garrison ceasefire insurgents drones rockets barracks skirmish mortar sniper reconnaissance encirclement howitzer`,
    ),
  },
  {
    tag: "nuclear",
    words: words(
      `nuclear program enrichment uranium agency inspectors facility reactor safeguards stockpile scientists plutonium inspections cascade breakout centrifuges isotopes yellowcake`,
    ),
  },
  {
    tag: "sanctions",
    words: words(
      `sanctions oil exports embargo treasury banks assets frozen penalties waiver designation compliance evasion tankers shipments blacklist exemptions`,
    ),
  },
  {
    tag: "border",
    words: words(
      `border crossing province guards road river water dam smuggling frontier traders Herat Nimroz Zaranj Helmand Milak Farah fence tariffs`,
    ),
  },
  {
    tag: "refugees",
    words: words(
      `refugees migrants camps deportation returnees asylum displaced humanitarian aid shelter workers undocumented families winter repatriation`,
    ),
  },
  {
    tag: "trade",
    words: words(
      `trade market prices currency fuel wheat imports investment railway corridor goods exporters contracts port Chabahar transit customs`,
    ),
  },
  {
    tag: "finance",
    words: words(
      `funding money payments donors transfers cash accounts salaries budget hawala couriers remittances laundering ledger`,
    ),
  },
  {
    tag: "militancy",
    words: words(
      `militants operatives cell camp training recruits plot bombing financier extremist hideout detainees jihadist`,
    ),
  },
  {
    tag: "intelligence",
    words: words(
      `intelligence sources informant surveillance assessment cables intercepted defector officers agents dossier clandestine liaison`,
    ),
  },
  {
    tag: "media",
    words: words(
      `interview newspaper broadcast claimed denied rumour propaganda channel journalists editorial leaked footage`,
    ),
  },
  {
    tag: "religion",
    words: words(
      `clerics seminary Shia Sunni Hazara pilgrims shrine mosque sectarian scholars fatwa madrasa ayatollah`,
    ),
  },
];
const GENERIC_TAGS = ["meeting", "statement", "unconfirmed", "crisis", "analysis"];

const PERSIAN = words(`
  و در به از که این را با است برای آن یک بود شد کرد می\u200cشود می\u200cگوید گفت ایران طالبان افغانستان تهران کابل دولت
  وزیر امور خارجه مرز مذاکرات سپاه پاسداران نیروهای امنیتی گزارش منابع دیدار هیئت سفیر سفارت کنسولگری پناهجویان
  مهاجران پاکستان آمریکا تحریم نفت آب رودخانه هیرمند هرات مشهد قندهار جنگ صلح توافق سخنگو اعلام جمهوری اسلامی
  مقامات همکاری حمله نظامی اطلاعات رسانه القاعده روابط سیاسی اقتصادی تجارت بازار گروه رهبر شورا امنیت مردم کشور منطقه
`).map((w) => w.normalize("NFC"));

/** Syllables of made-up proper names: the long tail of rare words every real corpus has. */
const SYLLABLES = words(
  `ka dar zan mir sha bad gul nar tash rud kan dost far ham jan kor lash mah nim pul qal ras sar tal van yar zar bal dah khan`,
);
const NAME_LISTS: Record<string, string[]> = {
  first: words(
    `Mohammad Ahmad Abdul Ali Hassan Hossein Reza Mahmoud Abdullah Gulbuddin Zabihullah Sirajuddin Amir Karim Rahim Nasir Farid Javad Qasem Esmail Akhtar Haibatullah Omar Yusuf Khalid Hamid Said Rashid Jalal Bashir Nur Fazl Tariq Saif Hamza Ismail Mansour Davood Parviz Saeed Mehdi Kamal Latif Wahid Aziz Ghulam Daud Sharif Zalmay Anwar`,
  ),
  last: words(
    `Rahimi Karimi Hosseini Ahmadi Mohammadi Haqqani Akhundzada Mujahid Baradar Muttaqi Zarif Soleimani Ghani Karzai Hekmatyar Rabbani Masoud Dostum Shirzai Yousafzai Qaani Araghchi Velayati Larijani Rezaei Jafari Kazemi Nazari Sadeghi Mousavi Tehrani Kabuli Herawi Balkhi Kandahari Noori Safi Popal Stanikzai Hanafi Omari Wardak Zadran Mangal Achakzai Barakzai Alizai Nurzai Ishaqzai`,
  ),
  adj: words(
    `Northern Southern Eastern Western Islamic National United Revolutionary Independent Free Popular Democratic Afghan Iranian Regional Central Supreme Provincial Joint Special`,
  ),
  noun: words(
    `Reconstruction Resistance Security Liberation Solidarity Unity Relief Development Defense Intelligence Cooperation Reform Justice Trade Border`,
  ),
  orgType: words(
    `Council Front Committee Movement Agency Ministry Foundation Party Directorate Commission Brigade Network`,
  ),
  media: words(`News Times Agency Press Daily Post Herald Tribune Radio Television`),
  placeSuffix: words(`abad shahr kand dara qala gah stan pur`),
  city: words(`Kabul Tehran Herat Mashhad Kandahar Zahedan Islamabad Quetta Dubai Doha Jalalabad Peshawar`),
  faCity: words(`تهران کابل هرات مشهد زاهدان قندهار`).map((w) => w.normalize("NFC")),
};

/** The searches timed: a common word, a rarer one, two words, a prefix being typed, a Persian word. */
const SEARCHES = ["government", "centrifuges", "border crossing", "negotia", "مذاکرات"];

// ---------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------

/**
 * The bench database migrated, with the demo seed, and the big workspace
 * generated into it; how long each step took. The server modules read
 * DATABASE_URL once, on first use: it is set first, and the per-call request
 * log is kept out of the table.
 */
export async function prepareBigWorkspace(url: string) {
  process.env.DATABASE_URL = url;
  process.env.LOG_LEVEL ??= "warn";
  const { prepareDatabase } = await import("../../server/db/prepare.ts");
  const { seedDemo } = await import("../../prisma/seed.ts");
  let t0 = performance.now();
  await prepareDatabase({ url, seedIfEmpty: ({ db }) => seedDemo({ db }) });
  const prepareMs = performance.now() - t0;
  t0 = performance.now();
  const generated = await generateWorkspace(url);
  return { generated, prepareMs, generateMs: performance.now() - t0 };
}

export async function curationBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const database = await openBenchDatabase();
  try {
    const { generated, prepareMs, generateMs } = await prepareBigWorkspace(database.url);
    rows.push({ metric: "curation: migrate + demo seed", value: fmtMs(prepareMs), target: "" });
    rows.push({
      metric: `curation: generate ${summarise(generated.counts)}`,
      value: fmtMs(generateMs),
      target: "≤ 10 min",
    });
    rows.push({ metric: "curation: database size", value: generated.size, target: "" });

    rows.push(...(await measure(generated)));
    // The same workspace over HTTP, through `npm start`'s server (BENCH_MIX=0 skips it).
    if (process.env.BENCH_MIX !== "0") {
      const { httpMixBench } = await import("./http-mix.ts");
      rows.push(
        ...(await httpMixBench({
          root: process.cwd(),
          databaseUrl: database.url,
          workspaceId: generated.workspaceId,
          chosenEventId: generated.chosenEventId,
        })),
      );
    }
  } finally {
    try {
      const { closeDb } = await import("../../server/db/client.ts");
      await closeDb();
    } finally {
      await database.close();
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------
// The database: embedded and thrown away, or a fresh one on DATABASE_URL's server
// ---------------------------------------------------------------------------

export async function openBenchDatabase(): Promise<{ url: string; close: () => Promise<void> }> {
  const external = process.env.DATABASE_URL;
  if (external) {
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${BENCH_DB}`);
    } finally {
      await admin.end();
    }
    const u = new URL(external);
    u.pathname = `/${BENCH_DB}`;
    console.log(
      `curation: using ${BENCH_DB} on DATABASE_URL's server (left in place for EXPLAIN; recreated on the next run)`,
    );
    return { url: u.toString(), close: async () => {} };
  }
  const { startEmbeddedPostgres } = await import("../../server/db/embedded.ts");
  const dir = await mkdtemp(path.join(os.tmpdir(), "dossier-bench-pg-"));
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>> | null = null;
  const close = async () => {
    try {
      await server?.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
  try {
    server = await startEmbeddedPostgres({ dataDir: dir, port: 0 });
    await server.ensureDatabase(BENCH_DB);
    return { url: server.url(BENCH_DB), close };
  } catch (err) {
    await close();
    throw err;
  }
}

// ---------------------------------------------------------------------------
// Generation: set-based SQL on one connection (the helper functions live in
// its pg_temp schema). Pseudo-randomness is hash-based (hashint8extended of a
// row number and a salt), so every run produces the same data.
// ---------------------------------------------------------------------------

export type Generated = {
  workspaceId: string;
  chosenEventId: string;
  counts: Record<"events" | "sources" | "citations" | "entities" | "aliases" | "links", number> & {
    avgSourceChars: number;
  };
  size: string;
};

export async function generateWorkspace(url: string): Promise<Generated> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Bulk-load settings for this session only; the server's own settings are
    // what the measurements run against.
    await client.query("SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '1GB'");
    const ctx = await demoContext(client);
    await createHelpers(client);
    await step("vocabulary and sentence pool", () => loadSentences(client));
    await withIndexesDeferred(
      client,
      ["Event", "Source", "Citation", "Entity", "EntityAlias", "EventEntity"],
      async () => {
        await step(`${COUNTS.entities} entities and aliases`, () => insertEntities(client, ctx));
        await step(`${COUNTS.sources} sources`, () => insertSources(client, ctx));
        await step(`${COUNTS.events} events`, () => insertEvents(client, ctx));
        await step(`${COUNTS.citations} citations`, () => insertCitations(client, ctx));
        await step("event–entity links", () => insertLinks(client));
      },
    );
    await step("VACUUM ANALYZE", () => client.query("VACUUM (ANALYZE)"));
    // Written out now rather than by the checkpointer during the measurements
    // (skipped where the role may not checkpoint: a server behind DATABASE_URL).
    await step("CHECKPOINT", () =>
      client.query("CHECKPOINT").catch((err: { code?: string }) => {
        if (err.code !== "42501") throw err;
      }),
    );
    await step("consistency checks", () => checkConsistency(client, ctx));
    return {
      workspaceId: ctx.workspaceId,
      chosenEventId: eventId(CHOSEN_EVENT),
      counts: await countRows(client, ctx.workspaceId),
      size: await databaseSize(client),
    };
  } finally {
    await client.end();
  }
}

type DemoContext = { workspaceId: string; users: string[]; adminId: string };

/** The demo workspace and its contributors (creators are analyst, analyst2 and admin, in that proportion). */
async function demoContext(client: pg.Client): Promise<DemoContext> {
  const { DEMO_WORKSPACE } = await import("../../prisma/seed.ts");
  const ws = await client.query<{ id: string }>(`SELECT id FROM "Workspace" WHERE slug = $1`, [DEMO_WORKSPACE.slug]);
  const users = await client.query<{ id: string; email: string }>(`SELECT id, email FROM "User"`);
  const id = (email: string) => users.rows.find((u) => u.email === email)!.id;
  return {
    workspaceId: ws.rows[0]!.id,
    users: [id("analyst@dossier.local"), id("analyst2@dossier.local"), id("admin@dossier.local")],
    adminId: id("admin@dossier.local"),
  };
}

async function step(label: string, fn: () => Promise<unknown>) {
  const t0 = performance.now();
  await fn();
  console.log(`curation: ${label} in ${fmtMs(performance.now() - t0)}`);
}

const eventId = (n: number) => `bev${String(n).padStart(6, "0")}`;

/** SQL text for ids matching eventId() and friends. */
const idSql = (prefix: string, expr: string) => `'${prefix}' || lpad((${expr})::text, 6, '0')`;

async function createHelpers(client: pg.Client) {
  if (!SYLLABLES.every((s) => /^[a-z]+$/.test(s))) throw new Error("Syllables must be plain letters");
  const syllables = `ARRAY[${SYLLABLES.map((s) => `'${s}'`).join(",")}]`;
  const k = SYLLABLES.length;
  await client.query(`
    -- A number in [0, 1) from a row number and a salt: the same every run.
    CREATE FUNCTION pg_temp.rnd(seq bigint, salt bigint) RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT ((hashint8extended(seq, salt) >> 11) & 4503599627370495)::float8 / 4503599627370496 $$;
    -- An integer in [1, k], uniform.
    CREATE FUNCTION pg_temp.pick(seq bigint, salt bigint, k int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT 1 + floor(pg_temp.rnd(seq, salt) * k)::int $$;
    -- An integer in [1, k] with P(r) ~ 1/r (Zipf): a few values are common, most are rare.
    CREATE FUNCTION pg_temp.zipf(seq bigint, salt bigint, k int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT least(k, floor(power(k + 1, pg_temp.rnd(seq, salt)))::int) $$;
    -- A made-up proper name from syllables, distinct for each r below ${k ** 3}.
    CREATE FUNCTION pg_temp.pseudo(r int) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT initcap((${syllables})[1 + r % ${k}] || (${syllables})[1 + (r / ${k}) % ${k}]
                           || CASE WHEN r >= ${k * k} THEN (${syllables})[1 + (r / ${k * k}) % ${k}] ELSE '' END) $$;
    CREATE TEMP TABLE word (list text, rank int, word text, PRIMARY KEY (list, rank));
    CREATE TEMP TABLE list_size (list text PRIMARY KEY, n int);
    -- A word of a list, uniform (for names; sentences use a join and Zipf instead).
    CREATE FUNCTION pg_temp.word(list_name text, seq bigint, salt bigint) RETURNS text LANGUAGE sql STABLE
      AS $$ SELECT w.word FROM word w JOIN list_size s ON s.list = w.list
            WHERE w.list = list_name AND w.rank = pg_temp.pick(seq, salt, s.n) $$;
  `);
}

async function loadWordList(client: pg.Client, list: string, items: string[]) {
  await client.query(`INSERT INTO word SELECT $1, ord, w FROM unnest($2::text[]) WITH ORDINALITY AS t(w, ord)`, [
    list,
    items,
  ]);
  await client.query(`INSERT INTO list_size VALUES ($1, $2)`, [list, items.length]);
}

/**
 * A pool of sentences that source texts, event titles and summaries are made
 * of: ids 1–26,000 English (id − 1) % 13 being the topic (0 = everyday
 * English), then Persian ones. A topic sentence takes about half its words
 * from its topic; 4% of words are made-up names.
 */
async function loadSentences(client: pg.Client) {
  await loadWordList(client, "general", GENERAL);
  for (const [i, t] of TOPICS.entries()) await loadWordList(client, `t${i + 1}`, t.words);
  await loadWordList(client, "fa", PERSIAN);
  for (const [list, items] of Object.entries(NAME_LISTS)) await loadWordList(client, list, items);
  await loadWordList(
    client,
    "topicTag",
    TOPICS.map((t) => t.tag),
  );
  await loadWordList(client, "genericTag", GENERIC_TAGS);

  const english = 13 * SENTENCES_PER_TOPIC;
  await client.query(`CREATE TEMP TABLE sentence (id int PRIMARY KEY, lang text NOT NULL, body text NOT NULL)`);
  await client.query(`
    INSERT INTO sentence (id, lang, body)
    SELECT id, 'en', replace(upper(left(s, 1)) || substr(s, 2) || '.', ',.', '.')
    FROM (
      SELECT g.id, string_agg(
               CASE WHEN pg_temp.rnd(g.id * 64 + p.pos, 1) < 0.04 THEN pg_temp.pseudo(pg_temp.zipf(g.id * 64 + p.pos, 2, 20000)) ELSE w.word END
               || CASE WHEN pg_temp.rnd(g.id * 64 + p.pos, 3) < 0.06 THEN ',' ELSE '' END,
               ' ' ORDER BY p.pos) AS s
      FROM generate_series(1, ${english}) g(id)
      CROSS JOIN LATERAL generate_series(1, 8 + floor(pg_temp.rnd(g.id, 4) * 13)::int) p(pos)
      CROSS JOIN LATERAL (SELECT CASE WHEN (g.id - 1) % 13 > 0 AND pg_temp.rnd(g.id * 64 + p.pos, 5) < 0.45
                                      THEN 't' || ((g.id - 1) % 13) ELSE 'general' END AS list) l
      JOIN list_size ls ON ls.list = l.list
      JOIN word w ON w.list = l.list AND w.rank = pg_temp.zipf(g.id * 64 + p.pos, 6, ls.n)
      GROUP BY g.id
    ) x`);
  await client.query(`
    INSERT INTO sentence (id, lang, body)
    SELECT ${english} + g.id, 'fa', string_agg(w.word, ' ' ORDER BY p.pos) || '.'
    FROM generate_series(1, ${PERSIAN_SENTENCES}) g(id)
    CROSS JOIN LATERAL generate_series(1, 8 + floor(pg_temp.rnd(g.id, 7) * 13)::int) p(pos)
    JOIN list_size ls ON ls.list = 'fa'
    JOIN word w ON w.list = 'fa' AND w.rank = pg_temp.zipf(g.id * 64 + p.pos, 8, ls.n)
    GROUP BY g.id`);
}

/**
 * Drops the non-unique indexes of the bulk-loaded tables and rebuilds them
 * from their own definitions afterwards: one sorted build instead of 200,000
 * GIN insertions. Unique indexes stay (ON CONFLICT and the constraints need them).
 */
async function withIndexesDeferred(client: pg.Client, tables: string[], load: () => Promise<void>) {
  const { rows } = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
     WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace AND NOT i.indisunique AND NOT i.indisprimary`,
    [tables],
  );
  for (const r of rows) await client.query(`DROP INDEX ${r.name}`);
  try {
    await load();
  } finally {
    await step(`rebuilding ${rows.length} indexes`, async () => {
      for (const r of rows) await client.query(r.def);
    });
  }
}

const pickUser = (salt: number, seq = "n") =>
  `($1::text[])[CASE WHEN pg_temp.rnd(${seq}, ${salt}) < 0.5 THEN 1 WHEN pg_temp.rnd(${seq}, ${salt}) < 0.85 THEN 2 ELSE 3 END]`;
/** Somewhen between 2023 and 2026, when the workspace was being filled. */
const createdAtSql = (salt: number, seq = "n") =>
  `timestamp '2023-01-01' + make_interval(secs => pg_temp.rnd(${seq}, ${salt}) * 94608000)`;

async function insertEntities(client: pg.Client, ctx: DemoContext) {
  await client.query(
    `CREATE TEMP TABLE bench_entity (n int PRIMARY KEY, id text NOT NULL, role text NOT NULL, name text NOT NULL)`,
  );
  await client.query(`
    INSERT INTO bench_entity (n, id, role, name)
    SELECT n, ${idSql("bent", "n")}, role, CASE role
        WHEN 'media' THEN pg_temp.pseudo(pg_temp.pick(n, 11, 20000)) || ' ' || pg_temp.word('media', n, 12)
        WHEN 'person' THEN pg_temp.word('first', n, 13) || ' ' || pg_temp.word('last', n, 14)
        WHEN 'org' THEN pg_temp.word('adj', n, 15) || ' ' || pg_temp.word('noun', n, 16) || ' ' || pg_temp.word('orgType', n, 17)
        WHEN 'place' THEN pg_temp.pseudo(pg_temp.pick(n, 18, 20000)) || pg_temp.word('placeSuffix', n, 19)
        ELSE 'Operation ' || pg_temp.pseudo(pg_temp.pick(n, 20, 20000))
      END
    FROM (SELECT n, CASE WHEN n <= ${PUBLISHERS} THEN 'media'
                         WHEN pg_temp.rnd(n, 10) < 0.45 THEN 'person' WHEN pg_temp.rnd(n, 10) < 0.70 THEN 'org'
                         WHEN pg_temp.rnd(n, 10) < 0.95 THEN 'place' ELSE 'other' END AS role
          FROM generate_series(1, ${COUNTS.entities}) n) x`);
  await client.query(
    `INSERT INTO "Entity" (id, "workspaceId", kind, name, "createdById", "createdAt", "updatedAt")
     SELECT id, $1, (CASE role WHEN 'media' THEN 'ORGANIZATION' WHEN 'org' THEN 'ORGANIZATION' WHEN 'person' THEN 'PERSON'
                               WHEN 'place' THEN 'PLACE' ELSE 'OTHER' END)::"EntityKind",
            name, $2, ${createdAtSql(21)}, ${createdAtSql(21)}
     FROM bench_entity ORDER BY n`,
    [ctx.workspaceId, ctx.adminId],
  );
  // One or two aliases each: an acronym or a transliteration variant, and for
  // people "Last, First".
  await client.query(
    `INSERT INTO "EntityAlias" (id, "entityId", "workspaceId", alias)
     SELECT e.id || '_a' || k, e.id, $1, CASE
         WHEN k = 1 AND e.role IN ('org', 'media') THEN regexp_replace(e.name, '(\\S)\\S*\\s*', '\\1', 'g')
         WHEN k = 1 THEN regexp_replace(e.name, 'a([^a]*)$', 'e\\1')
         WHEN e.role = 'person' THEN split_part(e.name, ' ', 2) || ', ' || split_part(e.name, ' ', 1)
         ELSE regexp_replace(e.name, '([aeiou])', '\\1h')
       END
     FROM bench_entity e CROSS JOIN LATERAL generate_series(1, 1 + (pg_temp.rnd(e.n, 22) < 0.5)::int) k
     ON CONFLICT DO NOTHING`,
    [ctx.workspaceId],
  );
}

/**
 * Sources: a dateline that makes each text distinct, then sentences in
 * paragraphs of six, ~5,000 characters. 90% English (mostly sentences of the
 * source's topic, a few Persian), 10% Persian. The text is staged in a temp
 * table stored uncompressed (EXTERNAL), so citations can cut quotes from it
 * without decompressing whole texts.
 */
async function insertSources(client: pg.Client, ctx: DemoContext) {
  const english = 13 * SENTENCES_PER_TOPIC;
  const { rows } = await client.query<{ lang: string; avg: number }>(
    `SELECT lang, avg(length(body))::float8 AS avg FROM sentence GROUP BY lang`,
  );
  const sentencesFor = (lang: string) => Math.round(SOURCE_CHARS / (rows.find((r) => r.lang === lang)!.avg + 1));

  await client.query(`
    CREATE TEMP TABLE bench_source (n int PRIMARY KEY, id text NOT NULL, lang text NOT NULL, topic int NOT NULL,
                                    y int NOT NULL, m int, d int, text text NOT NULL, len int);
    ALTER TABLE bench_source ALTER COLUMN text SET STORAGE EXTERNAL`);
  await client.query(`
    INSERT INTO bench_source (n, id, lang, topic, y, m, d, text)
    SELECT g.n, ${idSql("bsrc", "g.n")}, g.lang, g.topic, g.y, g.m, g.d,
           g.dateline || E'\\n\\n' || string_agg(s.body, CASE WHEN j % 6 = 1 THEN E'\\n\\n' ELSE ' ' END ORDER BY j)
    FROM (
      SELECT p.*, CASE WHEN p.lang = 'fa' THEN pg_temp.word('faCity', p.n, 30) || ' - گزارش ' || p.n
                       ELSE upper(pg_temp.word('city', p.n, 30)) || ', ' || coalesce(p.d || ' ', '')
                            || coalesce(to_char(make_date(p.y, p.m, 1), 'FMMonth') || ' ', '') || p.y || ' (dispatch ' || p.n || ')' END AS dateline
      FROM (
        SELECT q.*, CASE WHEN q.m IS NOT NULL AND pg_temp.rnd(q.n, 31) < 0.8
                         THEN pg_temp.pick(q.n, 32, extract(day FROM make_date(q.y, q.m, 1) + interval '1 month' - interval '1 day')::int) END AS d
        FROM (SELECT n, CASE WHEN pg_temp.rnd(n, 33) < 0.1 THEN 'fa' ELSE 'en' END AS lang, pg_temp.pick(n, 34, 12) AS topic,
                     1989 + pg_temp.pick(n, 35, 35) AS y, CASE WHEN pg_temp.rnd(n, 36) < 0.85 THEN pg_temp.pick(n, 37, 12) END AS m
              FROM generate_series(1, ${COUNTS.sources}) n) q
      ) p
    ) g
    CROSS JOIN LATERAL generate_series(1, CASE WHEN g.lang = 'fa' THEN ${sentencesFor("fa")} ELSE ${sentencesFor("en")} END) j
    CROSS JOIN LATERAL (SELECT pg_temp.rnd(g.n * 128 + j, 38) AS r, pg_temp.rnd(g.n * 128 + j, 39) AS r2) x
    JOIN sentence s ON s.id = CASE
        WHEN (g.lang = 'en' AND x.r < 0.02) OR (g.lang = 'fa' AND x.r < 0.9) THEN ${english} + 1 + floor(x.r2 * ${PERSIAN_SENTENCES})::int
        WHEN g.lang = 'en' AND x.r < 0.70 THEN g.topic + 1 + 13 * floor(x.r2 * ${SENTENCES_PER_TOPIC})::int
        ELSE 1 + 13 * floor(x.r2 * ${SENTENCES_PER_TOPIC})::int
      END
    GROUP BY g.n, g.lang, g.topic, g.y, g.m, g.d, g.dateline`);
  await client.query(`UPDATE bench_source SET len = length(text)`);

  // textHash as source-identity.ts computes it: sha256 of the text with
  // whitespace runs collapsed (here: only the paragraph breaks). URLs with
  // "www." and without, so urlNormalized is normalizeUrl(url).
  await client.query(
    `INSERT INTO "Source" (id, "workspaceId", kind, title, "publisherId", author, "pubYear", "pubMonth", "pubDay", url, "urlNormalized",
                           language, text, "textHash", "derivedFromId", "createdById", "updatedById", "createdAt", "updatedAt")
     SELECT b.id, $2,
            (CASE WHEN k < 0.60 THEN 'NEWS_REPORT' WHEN k < 0.75 THEN 'REPORT' WHEN k < 0.85 THEN 'OFFICIAL_STATEMENT'
                  WHEN k < 0.90 THEN 'INTERVIEW' WHEN k < 0.95 THEN 'SOCIAL_POST' WHEN k < 0.97 THEN 'LEAKED_DOCUMENT' ELSE 'OTHER' END)::"SourceKind",
            rtrim(array_to_string((string_to_array(t.body, ' '))[1:6 + pg_temp.pick(n, 40, 7)], ' '), '.,'),
            CASE WHEN pg_temp.rnd(n, 41) < 0.85 THEN ${idSql("bent", `pg_temp.zipf(n, 42, ${PUBLISHERS})`)} END,
            CASE WHEN pg_temp.rnd(n, 43) < 0.6 THEN pg_temp.word('first', n, 44) || ' ' || pg_temp.word('last', n, 45) ELSE '' END,
            y, m, d,
            CASE WHEN has_url THEN 'https://www.news' || (n % 40 + 1) || '.example/' || y || '/article-' || n END,
            CASE WHEN has_url THEN 'https://news' || (n % 40 + 1) || '.example/' || y || '/article-' || n END,
            b.lang, b.text, encode(sha256(convert_to(replace(b.text, E'\\n\\n', ' '), 'UTF8')), 'hex'),
            CASE WHEN n > 100 AND pg_temp.rnd(n, 46) < 0.05 THEN ${idSql("bsrc", "pg_temp.pick(n, 47, n - 1)")} END,
            ${pickUser(48)}, ${pickUser(48)}, ${createdAtSql(49)}, ${createdAtSql(49)}
     FROM (SELECT b.*, pg_temp.rnd(b.n, 50) AS k, pg_temp.rnd(b.n, 51) < 0.7 AS has_url FROM bench_source b) b
     JOIN sentence t ON t.id = CASE WHEN b.lang = 'fa' THEN ${english} + pg_temp.pick(n, 52, ${PERSIAN_SENTENCES})
                                    ELSE b.topic + 1 + 13 * (pg_temp.pick(n, 52, ${SENTENCES_PER_TOPIC}) - 1) END
     ORDER BY b.n`,
    [ctx.users, ctx.workspaceId],
  );
}

/**
 * Events with dates as analysts write them: 40% a day, 30% a month, 20% a
 * year, 5% ranges, 5% "about" a year or a month; 1990–2024. The stored
 * instants follow partial-date.ts (dateBounds, sortInstant) in UTC, including
 * JavaScript's month overflow when "about March" is widened (31 Jan + 1 month
 * = 3 Mar); checkConsistency compares every row with toDateColumns.
 */
async function insertEvents(client: pg.Client, ctx: DemoContext) {
  const english = 13 * SENTENCES_PER_TOPIC;
  const sentenceOf = (salt: number) =>
    `CASE WHEN persian THEN ${english} + pg_temp.pick(n, ${salt}, ${PERSIAN_SENTENCES}) ELSE topic + 1 + 13 * (pg_temp.pick(n, ${salt}, ${SENTENCES_PER_TOPIC}) - 1) END`;
  await client.query(
    `WITH base AS (
       SELECT n, pg_temp.pick(n, 60, 12) AS topic, pg_temp.rnd(n, 61) < 0.05 AS persian, pg_temp.rnd(n, 62) AS status_r,
              CASE WHEN r < 0.40 THEN 'day' WHEN r < 0.70 THEN 'month' WHEN r < 0.90 THEN 'year'
                   WHEN r < 0.92 THEN 'day-range' WHEN r < 0.94 THEN 'month-range' WHEN r < 0.95 THEN 'year-range'
                   WHEN r < 0.98 THEN 'circa-year' ELSE 'circa-month' END AS shape,
              -- ranges start by 2023 so that they end by 2024
              1989 + CASE WHEN r >= 0.90 AND r < 0.95 THEN pg_temp.pick(n, 64, 34) ELSE pg_temp.pick(n, 64, 35) END AS y,
              pg_temp.pick(n, 65, 12) AS m, pg_temp.rnd(n, 66) AS day_r, pg_temp.pick(n, 67, 14) AS span
       FROM (SELECT n, pg_temp.rnd(n, 63) AS r FROM generate_series(1, ${COUNTS.events}) n) g
     ),
     written AS (
       SELECT b.*, s.sy, s.sm, s.sd, e.ey, e.em, e.ed,
              (CASE WHEN shape LIKE 'circa-%' THEN 'CIRCA' ELSE 'EXACT' END)::"DateQualifier" AS qualifier
       FROM base b
       CROSS JOIN LATERAL (SELECT make_date(b.y, b.m, 1 + floor(b.day_r * extract(day FROM make_date(b.y, b.m, 1) + interval '1 month' - interval '1 day'))::int) AS day) dd
       CROSS JOIN LATERAL (SELECT CASE WHEN shape = 'year-range' THEN least(b.y, 2024 - 1 - b.span % 3) ELSE b.y END AS sy,
                                  CASE WHEN shape IN ('year', 'year-range', 'circa-year') THEN NULL ELSE b.m END AS sm,
                                  CASE WHEN shape IN ('day', 'day-range') THEN extract(day FROM dd.day)::int END AS sd) s
       CROSS JOIN LATERAL (SELECT CASE shape WHEN 'day-range' THEN dd.day + b.span
                                             WHEN 'month-range' THEN (make_date(b.y, b.m, 1) + make_interval(months => 1 + b.span % 11))::date END AS end_day) x
       CROSS JOIN LATERAL (SELECT CASE WHEN shape = 'year-range' THEN s.sy + 1 + b.span % 3 ELSE extract(year FROM x.end_day)::int END AS ey,
                                  extract(month FROM x.end_day)::int AS em,
                                  CASE WHEN shape = 'day-range' THEN extract(day FROM x.end_day)::int END AS ed) e
     ),
     bounds AS (
       SELECT w.*, l.*,
              make_timestamp(sy, coalesce(sm, 1), coalesce(sd, 1), 0, 0, 0) AS start_at,
              -- the first instant after the last day, month or year the date can mean
              CASE WHEN l.ld IS NOT NULL THEN make_timestamp(l.ly, l.lm, l.ld, 0, 0, 0) + interval '1 day'
                   WHEN l.lm IS NOT NULL THEN make_timestamp(l.ly, l.lm, 1, 0, 0, 0) + interval '1 month'
                   ELSE make_timestamp(l.ly + 1, 1, 1, 0, 0, 0) END AS after_last
       FROM written w
       CROSS JOIN LATERAL (SELECT coalesce(ey, sy) AS ly, CASE WHEN ey IS NULL THEN sm ELSE em END AS lm,
                                  CASE WHEN ey IS NULL THEN sd ELSE ed END AS ld) l
     )
     INSERT INTO "Event" (id, "workspaceId", title, summary, status, "createdById", "updatedById", "createdAt", "updatedAt", "deletedAt", "deletedById",
                          "dateStartYear", "dateStartMonth", "dateStartDay", "dateEndYear", "dateEndMonth", "dateEndDay", "dateQualifier",
                          "dateEarliest", "dateLatest", "dateSortKey", tags)
     SELECT ${idSql("bev", "n")}, $2,
            rtrim(array_to_string((string_to_array(t.body, ' '))[1:4 + pg_temp.pick(n, 70, 7)], ' '), '.,'),
            s1.body || ' ' || s2.body || CASE WHEN pg_temp.rnd(n, 71) < 0.5 THEN ' ' || s3.body ELSE '' END,
            (CASE WHEN n = ${CHOSEN_EVENT} OR status_r < 0.80 THEN 'PUBLISHED' WHEN status_r < 0.90 THEN 'DRAFT'
                  WHEN status_r < 0.96 THEN 'PENDING' ELSE 'REJECTED' END)::"EventStatus",
            ${pickUser(72)}, ${pickUser(72)}, ${createdAtSql(73)}, ${createdAtSql(73)} + make_interval(days => pg_temp.pick(n, 74, 30)),
            CASE WHEN n <> ${CHOSEN_EVENT} AND pg_temp.rnd(n, 75) < 0.01 THEN timestamp '2026-01-02' END,
            CASE WHEN n <> ${CHOSEN_EVENT} AND pg_temp.rnd(n, 75) < 0.01 THEN $3 END,
            sy, sm, sd, ey, CASE WHEN ey IS NOT NULL THEN em END, ed, qualifier,
            CASE WHEN qualifier = 'CIRCA'
                 THEN start_at - CASE WHEN sd IS NOT NULL THEN interval '7 days' WHEN sm IS NOT NULL THEN interval '1 month' ELSE interval '1 year' END
                 ELSE start_at END,
            CASE WHEN qualifier <> 'CIRCA' THEN after_last - interval '1 millisecond'
                 WHEN ld IS NOT NULL THEN after_last - interval '1 millisecond' + interval '7 days'
                 -- setUTCMonth(+1) on the month's last day: day N of the next month, overflowing like JavaScript
                 WHEN lm IS NOT NULL THEN after_last + make_interval(days => extract(day FROM after_last - interval '1 day')::int) - interval '1 millisecond'
                 ELSE make_timestamp(ly + 2, 1, 1, 0, 0, 0) - interval '1 millisecond' END,
            start_at,
            ARRAY(SELECT DISTINCT tag FROM unnest(ARRAY[
              CASE WHEN pg_temp.rnd(n, 76) < 0.9 THEN (SELECT w.word FROM word w WHERE w.list = 'topicTag' AND w.rank = topic) ELSE pg_temp.word('genericTag', n, 77) END,
              CASE WHEN pg_temp.rnd(n, 78) < 0.6 THEN pg_temp.word('genericTag', n, 79) END,
              CASE WHEN pg_temp.rnd(n, 80) < 0.25 THEN pg_temp.word('topicTag', n, 81) END]) tag WHERE tag IS NOT NULL)
     FROM bounds
     JOIN sentence t ON t.id = ${sentenceOf(82)}
     JOIN sentence s1 ON s1.id = ${sentenceOf(83)}
     JOIN sentence s2 ON s2.id = CASE WHEN persian THEN ${english} + pg_temp.pick(n, 84, ${PERSIAN_SENTENCES}) ELSE 1 + 13 * (pg_temp.pick(n, 84, ${SENTENCES_PER_TOPIC}) - 1) END
     JOIN sentence s3 ON s3.id = ${sentenceOf(85)}
     ORDER BY n`,
    [ctx.users, ctx.workspaceId, ctx.adminId],
  );
}

/**
 * Citations: a passage of 40–200 characters from a random source, starting at
 * a word and ending at one, with the offsets and 80 characters of context the
 * service would store. Events 1…citedEvents get them at random (so some have
 * none); the chosen event gets exactly 50.
 */
async function insertCitations(client: pg.Client, ctx: DemoContext) {
  await client.query(
    `INSERT INTO "Citation" (id, "workspaceId", "eventId", "sourceId", stance, quote, "startOffset", "endOffset", "contextBefore", "contextAfter", "createdById", "createdAt")
     SELECT ${idSql("bcit", "c.n")}, $2, ${idSql("bev", "c.ev")}, s.id, c.stance::"Stance", q.quote, q.start, q.start + length(q.quote),
            substr(s.text, greatest(q.start - 80, 0) + 1, q.start - greatest(q.start - 80, 0)),
            substr(s.text, q.start + length(q.quote) + 1, 80),
            ${pickUser(90, "c.n")}, ${createdAtSql(91, "c.n")}
     FROM (
       SELECT n, CASE WHEN n <= ${CHOSEN_CITATIONS} THEN ${CHOSEN_EVENT} ELSE pg_temp.pick(n, 92, ${COUNTS.citedEvents}) END AS ev,
              pg_temp.pick(n, 93, ${COUNTS.sources}) AS src, pg_temp.rnd(n, 94) AS u, 40 + pg_temp.pick(n, 95, 160) AS qlen,
              CASE WHEN pg_temp.rnd(n, 96) < 0.70 THEN 'SUPPORTS' WHEN pg_temp.rnd(n, 96) < 0.85 THEN 'CONTRADICTS' ELSE 'MENTIONS' END AS stance
       FROM generate_series(1, ${COUNTS.citations}) n
     ) c
     JOIN bench_source s ON s.n = c.src
     CROSS JOIN LATERAL (SELECT floor(c.u * (s.len - c.qlen - 41))::int AS raw) r
     CROSS JOIN LATERAL (SELECT r.raw + position(' ' IN substr(s.text, r.raw + 1, 40)) AS start) a
     CROSS JOIN LATERAL (SELECT a.start, regexp_replace(substr(s.text, a.start + 1, c.qlen), '\\s+\\S*$', '') AS quote) q
     ON CONFLICT DO NOTHING`,
    [ctx.users, ctx.workspaceId],
  );
}

/** 0–4 entities per event (two on average), popular ones far more often. */
async function insertLinks(client: pg.Client) {
  await client.query(`
    INSERT INTO "EventEntity" ("eventId", "entityId", role, "placePrecision")
    SELECT ${idSql("bev", "g.n")}, e.id,
           (CASE WHEN e.role = 'place' THEN 'PLACE' WHEN pg_temp.rnd(g.n * 8 + k, 101) < 0.8 THEN 'ACTOR' ELSE 'OTHER' END)::"EventEntityRole",
           (CASE WHEN e.role = 'place' THEN CASE WHEN pg_temp.rnd(g.n * 8 + k, 102) < 0.6 THEN 'CITY' ELSE 'COUNTRY' END END)::"PlacePrecision"
    FROM generate_series(1, ${COUNTS.events}) g(n)
    CROSS JOIN LATERAL generate_series(1, floor(pg_temp.rnd(g.n, 100) * 5)::int) k
    JOIN bench_entity e ON e.n = ${PUBLISHERS} + pg_temp.zipf(g.n * 8 + k, 103, ${COUNTS.entities - PUBLISHERS})
    ON CONFLICT DO NOTHING`);
}

/**
 * The generator must agree with the code that writes these columns for real:
 * every event's date columns against toDateColumns, and samples of text
 * hashes, normalised URLs and quote offsets (JavaScript string offsets).
 */
async function checkConsistency(client: pg.Client, ctx: DemoContext) {
  const { toDateColumns } = await import("../../server/lib/event-date-columns.ts");
  const { textHash, normalizeUrl } = await import("../../server/lib/source-identity.ts");
  const problems: string[] = [];

  // Epoch milliseconds: a timestamp without time zone read as a Date would be taken as local time.
  const events = await client.query<{
    id: string;
    sy: number;
    sm: number | null;
    sd: number | null;
    ey: number | null;
    em: number | null;
    ed: number | null;
    q: "EXACT" | "CIRCA";
    earliest: string | null;
    latest: string | null;
    sortKey: string | null;
  }>(`SELECT id, "dateStartYear" sy, "dateStartMonth" sm, "dateStartDay" sd, "dateEndYear" ey, "dateEndMonth" em, "dateEndDay" ed, "dateQualifier" q,
             (extract(epoch FROM "dateEarliest") * 1000)::bigint::text AS earliest, (extract(epoch FROM "dateLatest") * 1000)::bigint::text AS latest,
             (extract(epoch FROM "dateSortKey") * 1000)::bigint::text AS "sortKey"
      FROM "Event" WHERE id LIKE 'bev%'`);
  const ms = (d: Date | null) => (d ? String(d.getTime()) : null);
  for (const e of events.rows) {
    const want = toDateColumns({
      start: { year: e.sy, month: e.sm, day: e.sd },
      end: e.ey != null ? { year: e.ey, month: e.em, day: e.ed } : null,
      qualifier: e.q,
    });
    if (
      ms(want.dateEarliest) !== e.earliest ||
      ms(want.dateLatest) !== e.latest ||
      ms(want.dateSortKey) !== e.sortKey
    ) {
      problems.push(`event ${e.id}: date columns differ from toDateColumns`);
    }
  }

  const sources = await client.query<{
    id: string;
    text: string;
    textHash: string;
    url: string | null;
    urlNormalized: string | null;
  }>(`SELECT id, text, "textHash", url, "urlNormalized" FROM "Source" WHERE id LIKE 'bsrc%' ORDER BY id LIMIT 300`);
  for (const s of sources.rows) {
    if (textHash(s.text) !== s.textHash) problems.push(`source ${s.id}: textHash differs`);
    if (s.url && normalizeUrl(s.url) !== s.urlNormalized) problems.push(`source ${s.id}: urlNormalized differs`);
  }

  const citations = await client.query<{ id: string; quote: string; start: number; end: number; text: string }>(
    `SELECT c.id, c.quote, c."startOffset" AS start, c."endOffset" AS end, s.text
     FROM "Citation" c JOIN "Source" s ON s.id = c."sourceId" WHERE c.id LIKE 'bcit%' ORDER BY c.id LIMIT 1000`,
  );
  for (const c of citations.rows) {
    if (c.text.slice(c.start, c.end) !== c.quote || !c.quote.trim())
      problems.push(`citation ${c.id}: quote does not match its offsets`);
  }

  const chosen = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Citation" WHERE "eventId" = $1 AND "workspaceId" = $2`,
    [eventId(CHOSEN_EVENT), ctx.workspaceId],
  );
  if (chosen.rows[0]!.n !== CHOSEN_CITATIONS)
    problems.push(`the chosen event has ${chosen.rows[0]!.n} citations, not ${CHOSEN_CITATIONS}`);

  if (problems.length)
    throw new Error(
      `Generated data is inconsistent (${problems.length} problems):\n${problems.slice(0, 10).join("\n")}`,
    );
}

async function countRows(client: pg.Client, workspaceId: string): Promise<Generated["counts"]> {
  const { rows } = await client.query<Generated["counts"]>(
    `SELECT (SELECT count(*) FROM "Event" WHERE "workspaceId" = $1)::int AS events,
            (SELECT count(*) FROM "Source" WHERE "workspaceId" = $1)::int AS sources,
            (SELECT avg(length(text)) FROM "Source" WHERE "workspaceId" = $1)::float8 AS "avgSourceChars",
            (SELECT count(*) FROM "Citation" WHERE "workspaceId" = $1)::int AS citations,
            (SELECT count(*) FROM "Entity" WHERE "workspaceId" = $1)::int AS entities,
            (SELECT count(*) FROM "EntityAlias" WHERE "workspaceId" = $1)::int AS aliases,
            (SELECT count(*) FROM "EventEntity" ee JOIN "Event" e ON e.id = ee."eventId" WHERE e."workspaceId" = $1)::int AS links`,
    [workspaceId],
  );
  return rows[0]!;
}

async function databaseSize(client: pg.Client): Promise<string> {
  const { rows } = await client.query<{ size: string }>(
    `SELECT pg_size_pretty(pg_database_size(current_database())) AS size`,
  );
  return rows[0]!.size;
}

// ---------------------------------------------------------------------------
// Measurements: every call builds its context from the session id, as an
// HTTP request does, and goes through the router, middleware and service.
// ---------------------------------------------------------------------------

const WARMUP = 5;
const RUNS = 50;
const SOURCE_CREATE_RUNS = 20;

async function measure(g: Generated): Promise<BenchRow[]> {
  const { db } = await import("../../server/db/client.ts");
  const { createCaller } = await import("../../server/root.ts");
  const { createContext } = await import("../../server/trpc.ts");
  const { createSession } = await import("../../server/services/auth/index.ts");
  const analyst = await db.user.findUniqueOrThrow({ where: { email: "analyst@dossier.local" }, select: { id: true } });
  const sessionId = await createSession(db, analyst.id, { ip: IP, userAgent: "bench" });
  /** A caller per request: the session is resolved from the database each time. */
  const caller = async () => createCaller(await createContext({ sessionId, ip: IP }));
  const workspaceId = g.workspaceId;
  const rows: BenchRow[] = [];
  // Timings on a shared 2-core machine are only as quiet as the machine.
  console.log(
    `curation: load average before measuring ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" / ")}`,
  );
  const row = (metric: string, t: Timing, target: string) =>
    rows.push({ metric, value: `${fmtNumber(t.p50)} / ${fmtNumber(t.p95)} ms`, target });

  // The chronology: plain, filtered, and 20 pages in.
  const plain = { workspaceId, limit: 50, order: "chronological" as const };
  const filtered = { ...plain, from: "2005-03", to: "2009", tag: "diplomacy", hasCitation: "yes" as const };
  row(
    "event.list first page (50, chronological): p50 / p95",
    await time(async () => (await caller()).event.list(plain)),
    "p95 ≤ 50 ms",
  );
  row(
    "event.list 2005-03…2009 + tag + has citation: p50 / p95",
    await time(async () => (await caller()).event.list(filtered)),
    "p95 ≤ 50 ms",
  );
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    cursor = (await (await caller()).event.list({ ...plain, cursor })).nextCursor;
    if (!cursor) throw new Error(`The chronology ended after ${page + 1} pages`);
  }
  row(
    "event.list page 21 via cursor: p50 / p95",
    await time(async () => (await caller()).event.list({ ...plain, cursor })),
    "p95 ≤ 50 ms",
  );
  // Keyset pages should cost the same anywhere in the list; a cursor as the
  // list hands out for the page 70% of the way in shows whether they do.
  const deep = await cursorAt(workspaceId, Math.round(COUNTS.events * 0.7));
  row(
    `event.list page via cursor ${fmtCount(Math.round(COUNTS.events * 0.7))} rows in: p50 / p95`,
    await time(async () => (await caller()).event.list({ ...plain, cursor: deep })),
    "p95 ≤ 50 ms",
  );

  // The event page: both queries in one batch, as the page's two useQuery calls are sent.
  const eventPage = async () => {
    const c = await caller();
    const [, citations] = await Promise.all([
      c.event.get({ eventId: g.chosenEventId }),
      c.citation.forEvent({ eventId: g.chosenEventId }),
    ]);
    if (citations.citations.length !== CHOSEN_CITATIONS)
      throw new Error(`Expected ${CHOSEN_CITATIONS} citations, got ${citations.citations.length}`);
  };
  row(
    `event page: event.get + citation.forEvent (${CHOSEN_CITATIONS} citations): p50 / p95`,
    await time(eventPage),
    "p95 ≤ 30 ms",
  );

  for (const q of SEARCHES) {
    const matches = await searchMatches(workspaceId, q);
    row(
      `search.query "${q}" (${matches}): p50 / p95`,
      await time(async () => (await caller()).search.query({ workspaceId, q })),
      "p95 ≤ 100 ms",
    );
  }

  // Each import a distinct ~200 KB text, so none is answered as a duplicate.
  let run = 0;
  const createSource = async () => {
    const i = run++;
    const result = await (
      await caller()
    ).source.create({ workspaceId, kind: "REPORT", title: `Bench import ${i}`, language: "en", text: longText(i) });
    if (result.status !== "created") throw new Error("A bench import was taken for a duplicate");
  };
  row(
    `source.create, 200 KB text (${SOURCE_CREATE_RUNS} runs): p50 / p95`,
    await time(createSource, SOURCE_CREATE_RUNS),
    "p95 ≤ 500 ms",
  );
  return rows;
}

/** The cursor listEvents returns for a page ending at the given row of the chronology. */
async function cursorAt(workspaceId: string, offset: number): Promise<string> {
  const { pool } = await import("../../server/db/client.ts");
  const { encodeCursor } = await import("../../server/lib/cursor.ts");
  // Epoch milliseconds: the column has no time zone and pg would read it as local time.
  const { rows } = await pool().query<{ id: string; ms: string }>(
    `SELECT id, (extract(epoch FROM "dateSortKey") * 1000)::bigint::text AS ms FROM "Event"
     WHERE "workspaceId" = $1 AND "deletedAt" IS NULL ORDER BY "dateSortKey" ASC NULLS LAST, id ASC OFFSET $2 LIMIT 1`,
    [workspaceId, offset - 1],
  );
  return encodeCursor([new Date(Number(rows[0]!.ms)), rows[0]!.id]);
}

type Timing = { p50: number; p95: number };

const time = (fn: () => Promise<unknown>, runs = RUNS) => sampleTimings(fn, runs, WARMUP);

/** How many sources and events a search matches, so each timing can be read against its result size. */
async function searchMatches(workspaceId: string, q: string): Promise<string> {
  const { pool } = await import("../../server/db/client.ts");
  const { searchTerms } = await import("../../server/lib/search-query.ts");
  const terms = searchTerms(q)!;
  const { rows } = await pool().query<{ sources: number; events: number }>(
    `SELECT (SELECT count(*) FROM "Source" WHERE "workspaceId" = $1 AND search @@ (to_tsquery('english', $2) || to_tsquery('simple', $3)))::int AS sources,
            (SELECT count(*) FROM "Event" WHERE "workspaceId" = $1 AND search @@ (to_tsquery('english', $2) || to_tsquery('simple', $3)))::int AS events`,
    [workspaceId, terms.stemmed, terms.typed],
  );
  return `${fmtCount(rows[0]!.sources)} sources, ${fmtCount(rows[0]!.events)} events`;
}

/** A distinct ~200 KB text of the same vocabulary, from a small seeded generator. */
function longText(seed: number, chars = 200_000): string {
  let state = (seed + 1) * 0x9e3779b9;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const vocabulary = [...GENERAL, ...TOPICS.flatMap((t) => t.words)];
  const zipf = () => vocabulary[Math.min(vocabulary.length, Math.floor((vocabulary.length + 1) ** random())) - 1]!;
  const paragraphs: string[] = [`Bench import ${seed}.`];
  let length = 0;
  while (length < chars) {
    const sentences = Array.from({ length: 6 }, () => {
      const s = Array.from({ length: 8 + Math.floor(random() * 13) }, zipf).join(" ");
      return `${s[0]!.toUpperCase()}${s.slice(1)}.`;
    });
    const paragraph = sentences.join(" ");
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  return paragraphs.join("\n\n");
}

// ---------------------------------------------------------------------------

function fmtMs(ms: number): string {
  if (ms >= 60_000) return `${(ms / 60_000).toFixed(1)} min`;
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

const fmtNumber = (ms: number) => (ms < 10 ? ms.toFixed(1) : String(Math.round(ms)));
const fmtCount = (n: number) => n.toLocaleString("en-US");

function summarise(c: Generated["counts"]): string {
  return (
    `${fmtCount(c.events)} events, ${fmtCount(c.sources)} sources (${(c.avgSourceChars / 1000).toFixed(1)}k chars avg), ` +
    `${fmtCount(c.citations)} citations, ${fmtCount(c.entities)} entities (${fmtCount(c.aliases)} aliases), ${fmtCount(c.links)} links`
  );
}
