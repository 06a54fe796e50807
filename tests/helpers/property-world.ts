import fc from "fast-check";
import { seedDemo, DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_WORKSPACE } from "../../prisma/seed.ts";
import { db } from "../../server/db/client.ts";
import { encodeCursor } from "../../server/lib/cursor.ts";
import type { Role } from "../../server/policy.ts";
import { appRouter, createCaller } from "../../server/root.ts";
import { createSession } from "../../server/services/auth/index.ts";
import { importSettled } from "../../server/services/import/index.ts";
import { createContext } from "../../server/trpc.ts";
import { addMember, makeUser, makeWorkspace, TEST_PASSWORD } from "./factories.ts";
import { KEY_TABLES, PROCEDURE_INPUT_HINTS, PROCEDURE_KEY_TABLES, REFUSAL_MAY_WRITE } from "./procedure-hints.ts";
import { UNSTORABLE_STRINGS, type Location, type Override } from "./zod-arbitrary.ts";

/**
 * The world the property suite plays in: the demo workspace (every kind of
 * row, in every state) with a caller for each role, a second workspace the
 * callers may not see, and a pool of ids drawn from the database so that
 * generated inputs name real rows of both workspaces as well as rows that do
 * not exist.
 */

export const ROLES = ["anonymous", "non-member", "viewer", "analyst", "reviewer", "admin"] as const;
export type CallerRole = (typeof ROLES)[number];

const MEMBER_ROLES: Record<Exclude<CallerRole, "anonymous" | "non-member">, Role> = {
  viewer: "VIEWER",
  analyst: "ANALYST",
  reviewer: "REVIEWER",
  admin: "ADMIN",
};

/** Every procedure of the app router, found by walking it: a procedure added tomorrow is picked up. */
export type ProcedureInfo = { path: string; type: string; inputs: unknown[] };
export function appProcedures(): ProcedureInfo[] {
  const procedures = (
    appRouter._def as unknown as { procedures: Record<string, { _def: { type: string; inputs: unknown[] } }> }
  ).procedures;
  return Object.entries(procedures)
    .map(([path, p]) => ({ path, type: p._def.type, inputs: p._def.inputs }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

type Caller = ReturnType<typeof createCaller>;

/** Calls a procedure by its dotted path. */
export function callByPath(caller: Caller, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split(".")) target = (target as Record<string, unknown>)[part];
  return (target as (input: unknown) => Promise<unknown>)(input);
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

const IP = "198.51.100.20";

export async function buildWorld() {
  await seedDemo();
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { slug: DEMO_WORKSPACE.slug },
    select: { id: true },
  });
  const userIdOf = async (email: string) =>
    (await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
  const byRole = (role: Role) => DEMO_ACCOUNTS.find((a) => a.role === role)!.email;

  const other = await makeWorkspace();
  const outsider = await makeUser({ name: "Outsider" });
  await addMember(other.id, outsider.id, "ADMIN");

  const users: Record<Exclude<CallerRole, "anonymous">, string> = {
    "non-member": outsider.id,
    viewer: await userIdOf(byRole("VIEWER")),
    analyst: await userIdOf(byRole("ANALYST")),
    reviewer: await userIdOf(byRole("REVIEWER")),
    admin: await userIdOf(byRole("ADMIN")),
  };
  const sessions = new Map<string, string>();
  for (const [role, userId] of Object.entries(users))
    sessions.set(role, await createSession(db, userId, { ip: IP, userAgent: "property" }));

  /** A caller for a role, rebuilt from the database each time as a request would be; a revoked session is replaced. */
  async function callerAs(role: CallerRole): Promise<Caller> {
    if (role === "anonymous") return createCaller(await createContext({ sessionId: null, ip: IP }));
    let ctx = await createContext({ sessionId: sessions.get(role)!, ip: IP });
    if (!ctx.session) {
      sessions.set(role, await createSession(db, users[role], { ip: IP, userAgent: "property" }));
      ctx = await createContext({ sessionId: sessions.get(role)!, ip: IP });
    }
    return createCaller(ctx);
  }

  // Rows of the other workspace, made through the API as its admin.
  const outside = await callerAs("non-member");
  const tokens: string[] = [];
  const otherEntity = await outside.entity.create({ workspaceId: other.id, kind: "PERSON", name: "Someone elsewhere" });
  await outside.source.create({
    workspaceId: other.id,
    kind: "REPORT",
    title: "A report kept elsewhere",
    text: "On 3 May 2016 a meeting took place in Herat. It was reported a week later.",
  });
  await outside.event.create({
    workspaceId: other.id,
    title: "A meeting elsewhere",
    date: { start: { year: 2016, month: 5, day: 3 } },
    entities: [{ entityId: otherEntity.id, role: "ACTOR" }],
  });
  const otherBriefing = await outside.briefing.create({ workspaceId: other.id, title: "Elsewhere, weekly" });
  await outside.briefing.comment({ briefingId: otherBriefing.id, body: "A note kept elsewhere." });
  tokens.push((await outside.invitation.create({ workspaceId: other.id, role: "ANALYST" })).token);
  const otherImport = await outside.import.start({
    workspaceId: other.id,
    text: "In March 2014 talks began in Doha. On 9 June 2015 the talks stalled.",
  });
  if (otherImport.status === "started") await importSettled(otherImport.jobId);

  // In the demo workspace: an import with candidates, invitations, spare members, an event in the trash.
  const admin = await callerAs("admin");
  const analyst = await callerAs("analyst");
  const imported = await analyst.import.start({
    workspaceId: workspace.id,
    title: "Notes on border talks",
    text: "On 14 February 2017 envoys met in Mashhad. In 2018 a second round was held in Kabul. On 2 July 2019 the talks ended.",
  });
  if (imported.status === "started") await importSettled(imported.jobId);
  for (const role of ["ANALYST", "VIEWER"] as const)
    tokens.push((await admin.invitation.create({ workspaceId: workspace.id, role })).token);
  for (const role of ["ANALYST", "VIEWER"] as const) await addMember(workspace.id, (await makeUser()).id, role);
  const trashed = await analyst.event.create({
    workspaceId: workspace.id,
    title: "A draft soon deleted",
    date: { start: { year: 2020 } },
  });
  await analyst.event.delete({ eventId: trashed.id, version: 1 });

  const schema = await readSchema();
  await installWriteLog(schema);
  const pool = await readPool(schema, workspace.id);
  let poolAt = await fingerprint();
  const slugs = (await db.workspace.findMany({ select: { slug: true } })).map((w) => w.slug);
  const emails = (await db.user.findMany({ select: { email: true }, take: 20 })).map((u) => u.email);

  /** Puts every caller's memberships back as the role names say, after a call that may have changed them. */
  async function restoreRoles() {
    for (const [role, dbRole] of Object.entries(MEMBER_ROLES)) {
      const userId = users[role as keyof typeof MEMBER_ROLES];
      await db.membership.upsert({
        where: { workspaceId_userId: { workspaceId: workspace.id, userId } },
        update: { role: dbRole, active: true },
        create: { workspaceId: workspace.id, userId, role: dbRole },
      });
    }
    await db.membership.deleteMany({ where: { workspaceId: workspace.id, userId: outsider.id } });
    await db.membership.updateMany({
      where: { workspaceId: other.id, userId: outsider.id },
      data: { role: "ADMIN", active: true },
    });
    await db.user.updateMany({ where: { id: { in: Object.values(users) } }, data: { active: true } });
  }

  return {
    workspaceId: workspace.id,
    otherWorkspaceId: other.id,
    users,
    callerAs,
    restoreRoles,
    schema,
    pool,
    tokens,
    slugs,
    emails,
    /** Reads the ids again when anything was written since the last read. */
    refreshPool: async () => {
      const now = await fingerprint();
      if (now === poolAt) return;
      poolAt = now;
      const fresh = await readPool(schema, workspace.id);
      pool.clear();
      for (const [k, v] of fresh) pool.set(k, v);
    },
  };
}

// ---------------------------------------------------------------------------
// The database's own description of itself: tables, their columns.

type TableInfo = { name: string; columns: Set<string> };

async function readSchema(): Promise<Map<string, TableInfo>> {
  const rows = await db.$queryRaw<{ table_name: string; column_name: string }[]>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`;
  const tables = new Map<string, TableInfo>();
  for (const r of rows) {
    const t = tables.get(r.table_name) ?? { name: r.table_name, columns: new Set() };
    t.columns.add(r.column_name);
    tables.set(r.table_name, t);
  }
  return tables;
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Ids per table: of the demo workspace ("mine") and of any other ("theirs"). */
export type Pool = Map<string, { mine: string[]; theirs: string[] }>;

async function readPool(schema: Map<string, TableInfo>, workspaceId: string): Promise<Pool> {
  const pool: Pool = new Map();
  for (const t of schema.values()) {
    if (!t.columns.has("id")) continue;
    const scope = t.name === "Workspace" ? "id" : t.columns.has("workspaceId") ? '"workspaceId"' : null;
    const rows = await db.$queryRawUnsafe<{ id: string; mine: boolean }[]>(
      `SELECT id::text AS id, ${scope ? `${scope} = $1` : "true"} AS mine FROM ${quoteIdent(t.name)} ORDER BY id LIMIT 200`,
      ...(scope ? [workspaceId] : []),
    );
    pool.set(t.name, {
      mine: rows.filter((r) => r.mine).map((r) => r.id),
      theirs: rows.filter((r) => !r.mine).map((r) => r.id),
    });
  }
  return pool;
}

// ---------------------------------------------------------------------------
// Which rows an input key names.

const ID_KEY = /^(ids?|[a-zA-Z]+Ids?)$/;

/** The tables an id-like key names, or null when the key is no id. */
export function tablesForKey(world: Pick<World, "pool">, procedurePath: string, key: string): string[] | null {
  if (!ID_KEY.test(key)) return null;
  const hinted = PROCEDURE_KEY_TABLES[procedurePath]?.[key] ?? KEY_TABLES[key];
  if (hinted) return hinted;
  const tables = [...world.pool.keys()];
  const byLower = (stem: string) => {
    const s = stem.toLowerCase();
    return (
      tables.find((t) => t.toLowerCase() === s) ??
      tables.find((t) => t.toLowerCase().endsWith(s)) ??
      // fromEntityId, intoEntityId: the longest table name the key ends with.
      tables.filter((t) => s.endsWith(t.toLowerCase())).sort((a, b) => b.length - a.length)[0]
    );
  };
  // "id" and "ids" name a row of the procedure's own noun (briefing.get → Briefing).
  const stem = key === "id" || key === "ids" ? procedurePath.split(".")[0]! : key.replace(/Ids?$/, "");
  const table = byLower(stem);
  return table ? [table] : [...world.pool.keys()];
}

/** Ids that name no row, or are not ids at all. */
const NO_ROW_IDS = [
  "cnorowatallxxxxxxxxxxxxxx",
  "0",
  "-1",
  "99999999999999999999999999",
  "' OR '1'='1",
  "../../etc",
  "%",
  "_",
  "*",
  "a".repeat(64),
  ...UNSTORABLE_STRINGS,
];

/** Instants a cursor may carry that no list hands out: the ends of what a JS Date holds, and non-dates. */
const HOSTILE_INSTANTS = [
  "-271821-04-20T00:00:00.000Z",
  "+275760-09-13T00:00:00.000Z",
  "-000001-01-01T00:00:00.000Z",
  "0000-01-01T00:00:00.000Z",
  "2020-02-30T00:00:00.000Z",
  "none",
  "1",
  "NaN",
];
/** Numbers a cursor may carry past every integer column: 32 and 64 bits and beyond. */
const HOSTILE_COUNTERS = [
  "99999999999999999999",
  "9223372036854775808",
  "18446744073709551616",
  "2147483648",
  "1099511627776",
  "-1",
  "1e400",
  "NaN",
  "0x10",
];

/**
 * Cursors shaped like the lists' own (an instant and an id, a segment, an
 * instant and an id, or a counter) but carrying values no list hands out,
 * then cursors that are garbage outright.
 */
function hostileCursors(ids: string[]): fc.Arbitrary<string> {
  const id = fc.constantFrom(...(ids.length ? ids : ["x"]), "\uD800", "x");
  const instant = fc.constantFrom(...HOSTILE_INSTANTS);
  const part = fc.constantFrom(...HOSTILE_INSTANTS, ...HOSTILE_COUNTERS, "\uD800", "", ...ids.slice(0, 3));
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(instant, id).map((p) => encodeCursor(p)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("0", "1", "9"), instant, id).map((p) => encodeCursor(p)) },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_COUNTERS).map((c) => encodeCursor([c])) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.date({ noInvalidDate: true }), id).map(([d, i]) => encodeCursor([d, i])),
    },
    { weight: 1, arbitrary: fc.array(part, { minLength: 1, maxLength: 4 }).map((p) => encodeCursor(p)) },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ minLength: 1, maxLength: 60 }).map((b) => Buffer.from(b).toString("base64url")),
    },
    { weight: 1, arbitrary: fc.constantFrom("!!!", "====", "%00", "a", " ", "AAAA", "\u0000", "/+/+") },
  );
}

/** The input generator's view of the world: real ids, tokens, slugs and cursors for the keys that name them. */
export function worldOverride(world: World, procedurePath: string): Override {
  return (at: Location) => {
    const key = at.key;
    if (!key) return undefined;
    if (key === "cursor") {
      const ids = [...(world.pool.get("Event")?.mine ?? []), ...(world.pool.get("Entity")?.mine ?? [])];
      return fc.oneof(
        { weight: 1, arbitrary: fc.constantFrom(undefined, null) },
        { weight: 4, arbitrary: hostileCursors(ids) },
      );
    }
    // The passwords the callers really have, so a password change can succeed.
    if (key === "currentPassword") return fc.constantFrom(DEMO_PASSWORD, TEST_PASSWORD, "not the password");
    if (key === "token") return fc.constantFrom(...world.tokens, "x".repeat(43));
    if (key === "slug") return fc.constantFrom(...world.slugs, "no-such-workspace");
    if (key === "url")
      return fc.oneof(fc.constant(""), fc.webUrl({ validSchemes: ["https"] }), fc.constant("https://example.org/a"));
    if (key === "email" && at.path.length === 1)
      return fc.oneof(fc.constantFrom(...world.emails), fc.stringMatching(/^[a-z]{3,8}@example\.org$/));
    // revisionId is a string of digits naming a history row.
    if (key === "revisionId")
      return fc.constantFrom(...(world.pool.get("Revision")?.mine ?? ["1"]), "0", "99999999999999999999");
    const tables = tablesForKey(world, procedurePath, key);
    if (!tables) return undefined;
    const ofTables = (side: "mine" | "theirs") => tables.flatMap((t) => world.pool.get(t)?.[side] ?? []);
    const anyTable = [...world.pool.values()].flatMap((p) => p.mine.slice(0, 5));
    const choices: fc.WeightedArbitrary<string>[] = [{ arbitrary: fc.constantFrom(...NO_ROW_IDS), weight: 1 }];
    const mine = ofTables("mine");
    const theirs = ofTables("theirs");
    if (mine.length) choices.push({ arbitrary: fc.constantFrom(...mine), weight: 10 });
    if (theirs.length) choices.push({ arbitrary: fc.constantFrom(...theirs), weight: 2 });
    if (anyTable.length) choices.push({ arbitrary: fc.constantFrom(...anyTable), weight: 1 });
    return fc.oneof(...choices);
  };
}

// ---------------------------------------------------------------------------
// Making a generated input agree with the rows it names.

/** Columns that an input key carries the current value of, so a save is not refused as stale every time. */
const COHERENT_KEYS: Record<string, string> = { version: "version", round: "reviewRound" };

/**
 * Makes a generated input agree with the rows it names, so that calls get
 * past "stale version" and "that is not the quoted text" often enough to reach
 * the code behind: `version` and `round` take the current values of the row
 * an id in the same object names; a passage (`sourceId`, offsets, `quote`)
 * becomes a real passage of that source; then the procedure's own hint runs.
 */
export async function makeCoherent(world: World, procedurePath: string, input: unknown): Promise<void> {
  await coherentObjects(world, input);
  if (input && typeof input === "object") PROCEDURE_INPUT_HINTS[procedurePath]?.(input as Record<string, unknown>);
}

async function coherentObjects(world: World, input: unknown): Promise<void> {
  if (Array.isArray(input)) {
    for (const item of input) await coherentObjects(world, item);
    return;
  }
  if (!input || typeof input !== "object") return;
  const obj = input as Record<string, unknown>;
  for (const v of Object.values(obj)) await coherentObjects(world, v);
  await realPassage(world, obj);
  const keys = Object.keys(COHERENT_KEYS).filter((k) => typeof obj[k] === "number");
  if (!keys.length) return;
  for (const value of Object.values(obj)) {
    if (typeof value !== "string") continue;
    const table = [...world.pool].find(([, ids]) => ids.mine.includes(value) || ids.theirs.includes(value))?.[0];
    const info = table ? world.schema.get(table) : undefined;
    const columns = keys.filter((k) => info?.columns.has(COHERENT_KEYS[k]!));
    if (!table || !columns.length) continue;
    for (const k of columns) {
      const rows = await db.$queryRawUnsafe<{ v: number }[]>(
        `SELECT ${quoteIdent(COHERENT_KEYS[k]!)} AS v FROM ${quoteIdent(table)} WHERE id::text = $1`,
        value,
      );
      if (rows[0]) obj[k] = rows[0].v;
    }
    return;
  }
}

async function realPassage(world: World, obj: Record<string, unknown>): Promise<void> {
  const { sourceId, startOffset, endOffset } = obj;
  if (typeof sourceId !== "string" || typeof startOffset !== "number" || typeof endOffset !== "number") return;
  if (typeof obj.quote !== "string") return;
  const sources = world.pool.get("Source");
  if (!sources?.mine.includes(sourceId) && !sources?.theirs.includes(sourceId)) return;
  const source = await db.source.findUnique({ where: { id: sourceId }, select: { text: true } });
  if (!source || source.text.length < 2) return;
  const start = Math.abs(Math.trunc(startOffset) || 0) % (source.text.length - 1);
  const end = Math.min(source.text.length, start + 1 + (Math.abs(Math.trunc(endOffset) || 0) % 200));
  Object.assign(obj, { startOffset: start, endOffset: end, quote: source.text.slice(start, end) });
}

// ---------------------------------------------------------------------------
// Did anything change?

/**
 * Records every row written to the world's database from now on: a trigger
 * on each table adds a line to a log table in the same transaction, so a
 * write that was rolled back leaves no line and one that committed always
 * does. Comparing the log's last id before and after a call is one indexed
 * lookup, where counting and hashing every table would be a scan of each.
 * Tables in REFUSAL_MAY_WRITE are left out.
 */
async function installWriteLog(schema: Map<string, TableInfo>): Promise<void> {
  await db.$executeRawUnsafe(`CREATE TABLE "_property_writes" (id bigserial PRIMARY KEY, tbl text NOT NULL)`);
  await db.$executeRawUnsafe(`
    CREATE FUNCTION "_property_log_write"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO "_property_writes"(tbl) VALUES (TG_TABLE_NAME);
      RETURN NULL;
    END $$`);
  for (const t of schema.keys()) {
    if (REFUSAL_MAY_WRITE.includes(t)) continue;
    await db.$executeRawUnsafe(
      `CREATE TRIGGER "_property_write" AFTER INSERT OR UPDATE OR DELETE ON ${quoteIdent(t)} FOR EACH ROW EXECUTE FUNCTION "_property_log_write"()`,
    );
  }
}

/** The last write seen so far. */
export async function fingerprint(): Promise<bigint> {
  const rows = await db.$queryRawUnsafe<{ id: bigint | null }[]>(`SELECT max(id) AS id FROM "_property_writes"`);
  return rows[0]?.id ?? 0n;
}

/** The tables written to since a fingerprint. */
export async function changedTables(since: bigint): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ tbl: string }[]>(
    `SELECT DISTINCT tbl FROM "_property_writes" WHERE id > $1 ORDER BY tbl`,
    since,
  );
  return rows.map((r) => r.tbl);
}

/** Waits for imports started by a call, so their writes are not blamed on the next one. */
export async function settleBackgroundWork(): Promise<void> {
  const jobs = await db.importJob.findMany({ where: { status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
  await Promise.all(jobs.map((j) => importSettled(j.id)));
}
