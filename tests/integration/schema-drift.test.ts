import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSchema, schemaDrift } from "../helpers/schema-drift.ts";

/**
 * The migrations are hand-applied SQL (prisma migrate cannot run here), so
 * nothing else guarantees that they build the database schema.prisma
 * describes. This file's database is a copy of the template the migration
 * runner built from prisma/migrations.
 */
const schemaPath = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");
const schema = readFileSync(schemaPath, "utf8");

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

/** Runs `fn` inside a transaction that is always rolled back (DDL is transactional in Postgres). */
async function inRolledBackTransaction<T>(fn: () => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    return await fn();
  } finally {
    await client.query("ROLLBACK");
  }
}

/** Adds lines inside a model block of the schema. */
function withLinesInModel(model: string, lines: string): string {
  const marker = `model ${model} {`;
  expect(schema).toContain(marker);
  return schema.replace(marker, `${marker}\n${lines}`);
}

describe("the migrated database matches prisma/schema.prisma", () => {
  it("has exactly the tables, columns, types, nullability, indexes, enums, foreign keys and extensions of the schema", async () => {
    expect(await schemaDrift(schema, client)).toEqual([]);
  });

  it("actually inspects every model (the comparison is not vacuous)", async () => {
    const dm = parseSchema(schema);
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(dm.models.map((m) => m.dbName ?? m.name).sort());
    // @@map is honoured: the RateLimit model lives in rate_limits.
    expect(dm.models.find((m) => m.name === "RateLimit")?.dbName).toBe("rate_limits");
    // Unsupported fields and datasource extensions, which the DMMF leaves out, are read too.
    const unsupported = dm.models.flatMap((m) =>
      m.fields.filter((f) => f.kind === "unsupported").map((f) => `${m.name}.${f.name}: ${f.type}`),
    );
    expect(unsupported.sort()).toEqual([
      "Citation.search: tsvector",
      "Event.dateSpan: tsrange",
      "Event.search: tsvector",
      "Source.search: tsvector",
    ]);
    expect(dm.extensions).toEqual([{ name: "pg_trgm" }]);
    // Index types and operator classes are in the DMMF.
    expect(dm.indexes).toContainEqual(
      expect.objectContaining({
        model: "Entity",
        algorithm: "Gin",
        fields: [{ name: "name", operatorClass: "gin_trgm_ops" }],
      }),
    );
  });
});

describe("the drift check itself", () => {
  it("notices a field added to the schema without a migration", async () => {
    const drift = await schemaDrift(withLinesInModel("User", "  nickname String?"), client);
    expect(drift).toEqual([`User.nickname ("User"."nickname"): column is missing from the database`]);
  });

  it("notices an index, a unique constraint or an enum value added without a migration", async () => {
    const drift = await schemaDrift(
      withLinesInModel("Session", "  @@index([userId, createdAt])").replace("  REJECTED\n", "  REJECTED\n  ARCHIVED\n"),
      client,
    );
    expect(drift).toEqual([
      `model Session: index on "Session"(userId, createdAt) is missing from the database`,
      "enum EventStatus: values are [DRAFT,PENDING,PUBLISHED,REJECTED,CHANGES_REQUESTED], schema says [DRAFT,PENDING,PUBLISHED,REJECTED,ARCHIVED,CHANGES_REQUESTED]",
    ]);
  });

  it("notices a changed type, nullability or @map", async () => {
    const changed = schema
      .replace(/(model Workspace \{[\s\S]*?)name\s+String/, "$1name        String   @db.VarChar(120)")
      .replace(/(model Event \{[\s\S]*?)deletedAt\s+DateTime\?/, "$1deletedAt   DateTime")
      .replace(/(model RateLimit \{[\s\S]*?)points\s+Int\s+@default\(0\)/, '$1points Int @default(0) @map("tokens")');
    const drift = await schemaDrift(changed, client);
    expect(drift).toEqual(
      expect.arrayContaining([
        `Workspace.name ("Workspace"."name"): type is text, schema says character varying(120)`,
        `Event.deletedAt ("Event"."deletedAt"): column is NULL, schema says required`,
        `RateLimit.points ("rate_limits"."tokens"): column is missing from the database`,
        `table "rate_limits": column "points" is not in the schema`,
      ]),
    );
    expect(drift).toHaveLength(4);
  });

  it("notices tables, columns and indexes that exist only in the database", async () => {
    const drift = await inRolledBackTransaction(async () => {
      await client.query(`CREATE TABLE "Stray" (id text PRIMARY KEY)`);
      await client.query(`ALTER TABLE "Event" ADD COLUMN "placeName" text`);
      await client.query(`CREATE INDEX "Event_title_idx" ON "Event"("title")`);
      return schemaDrift(schema, client);
    });
    expect(drift.sort()).toEqual(
      [
        `table "Stray" is not in the schema`,
        `table "Event": column "placeName" is not in the schema`,
        `index "Event_title_idx" (index on "Event"(title)) is not in the schema`,
        `index "Stray_pkey" (primary key on "Stray"(id)) is not in the schema`,
      ].sort(),
    );
    // Rolled back: the real comparison is clean again.
    expect(await schemaDrift(schema, client)).toEqual([]);
  });

  it("notices a descending index created ascending, and a changed referential action", async () => {
    const drift = await inRolledBackTransaction(async () => {
      await client.query(`DROP INDEX "AuditLog_workspaceId_id_idx"`);
      await client.query(`CREATE INDEX "AuditLog_workspaceId_id_idx" ON "AuditLog"("workspaceId", "id")`);
      await client.query(`ALTER TABLE "Session" DROP CONSTRAINT "Session_userId_fkey"`);
      await client.query(
        `ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE`,
      );
      return schemaDrift(schema, client);
    });
    expect(drift.sort()).toEqual(
      [
        `model AuditLog: index on "AuditLog"(workspaceId, id DESC) is missing from the database`,
        `index "AuditLog_workspaceId_id_idx" (index on "AuditLog"(workspaceId, id)) is not in the schema`,
        `Session.user: foreign key "Session"(userId) → "User"(id) ON DELETE Cascade ON UPDATE Cascade is missing from the database`,
        `foreign key "Session_userId_fkey" ("Session"(userId) → "User"(id) ON DELETE Restrict ON UPDATE Cascade) is not in the schema`,
      ].sort(),
    );
  });

  it("notices a GIN index rebuilt without its operator class, or with another method or operator class", async () => {
    const drift = await inRolledBackTransaction(async () => {
      // Trigram search on Entity.name becomes a plain btree index (a GIN index on text needs an operator class).
      await client.query(`DROP INDEX "Entity_name_idx"`);
      await client.query(`CREATE INDEX "Entity_name_idx" ON "Entity"("name")`);
      // Same operator family, other method and operator class.
      await client.query(`DROP INDEX "EntityAlias_alias_idx"`);
      await client.query(`CREATE INDEX "EntityAlias_alias_idx" ON "EntityAlias" USING GIST ("alias" gist_trgm_ops)`);
      // Full-text index rebuilt as btree: same column, other method.
      await client.query(`DROP INDEX "Event_search_idx"`);
      await client.query(`CREATE INDEX "Event_search_idx" ON "Event"("search")`);
      // Naming the default operator class explicitly changes nothing.
      await client.query(`DROP INDEX "Event_tags_idx"`);
      await client.query(`CREATE INDEX "Event_tags_idx" ON "Event" USING GIN ("tags" array_ops)`);
      return schemaDrift(schema, client);
    });
    expect(drift.sort()).toEqual(
      [
        `model Entity: gin index on "Entity"(name gin_trgm_ops) is missing from the database`,
        `index "Entity_name_idx" (index on "Entity"(name)) is not in the schema`,
        `model EntityAlias: gin index on "EntityAlias"(alias gin_trgm_ops) is missing from the database`,
        `index "EntityAlias_alias_idx" (gist index on "EntityAlias"(alias gist_trgm_ops)) is not in the schema`,
        `model Event: gin index on "Event"(search) is missing from the database`,
        `index "Event_search_idx" (index on "Event"(search)) is not in the schema`,
      ].sort(),
    );
  });

  it("notices a schema index with another type or operator class than the database's", async () => {
    const changed = schema
      .replace(
        `@@index([name(ops: raw("gin_trgm_ops"))], type: Gin)`,
        `@@index([name(ops: raw("gist_trgm_ops"))], type: Gist)`,
      )
      .replace(/(model Citation \{[\s\S]*?)@@index\(\[search\], type: Gin\)/, "$1@@index([search])")
      // Prisma's own spelling of the default GIN operator class for arrays is the same index.
      .replace(`@@index([tags], type: Gin)`, `@@index([tags(ops: ArrayOps)], type: Gin)`);
    const drift = await schemaDrift(changed, client);
    expect(drift.sort()).toEqual(
      [
        `model Entity: gist index on "Entity"(name gist_trgm_ops) is missing from the database`,
        `index "Entity_name_idx" (gin index on "Entity"(name gin_trgm_ops)) is not in the schema`,
        `model Citation: index on "Citation"(search) is missing from the database`,
        `index "Citation_search_idx" (gin index on "Citation"(search)) is not in the schema`,
      ].sort(),
    );
  });

  it('compares Unsupported("tsvector") columns: presence, type and nullability; generated columns are fine', async () => {
    const { rows } = await client.query<{ is_generated: string }>(
      `SELECT is_generated FROM information_schema.columns WHERE table_name = 'Event' AND column_name = 'search'`,
    );
    expect(rows).toEqual([{ is_generated: "ALWAYS" }]);

    const changed = withLinesInModel("Event", '  embedding Unsupported("circle")?')
      .replace(/(model Source \{[\s\S]*?)search\s+Unsupported\("tsvector"\)\?/, '$1search Unsupported("tsquery")?')
      .replace(/(model Citation \{[\s\S]*?)search\s+Unsupported\("tsvector"\)\?/, '$1search Unsupported("tsvector")');
    expect((await schemaDrift(changed, client)).sort()).toEqual(
      [
        `Event.embedding ("Event"."embedding"): column is missing from the database`,
        `Source.search ("Source"."search"): type is tsvector, schema says Unsupported("tsquery")`,
        `Citation.search ("Citation"."search"): column is NULL, schema says required`,
      ].sort(),
    );

    const drift = await inRolledBackTransaction(async () => {
      await client.query(`ALTER TABLE "Event" DROP COLUMN "search"`); // drops Event_search_idx with it
      await client.query(`ALTER TABLE "Source" DROP COLUMN "search"`);
      await client.query(`ALTER TABLE "Source" ADD COLUMN "search" text`);
      return schemaDrift(schema, client);
    });
    expect(drift.sort()).toEqual(
      [
        `Event.search ("Event"."search"): column is missing from the database`,
        `model Event: gin index on "Event"(search) is missing from the database`,
        `Source.search ("Source"."search"): type is text, schema says Unsupported("tsvector")`,
        `model Source: gin index on "Source"(search) is missing from the database`,
      ].sort(),
    );
  });

  it("compares String[] columns as text arrays, nullable as Prisma creates them", async () => {
    const changed = schema.replace(/tags\s+String\[\]\s+@default\(\[\]\)/, "tags Int[] @default([])");
    expect(await schemaDrift(changed, client)).toEqual([
      `Event.tags ("Event"."tags"): type is text[], schema says integer[]`,
    ]);

    const drift = await inRolledBackTransaction(async () => {
      await client.query(`ALTER TABLE "Event" ALTER COLUMN "tags" SET NOT NULL`);
      await client.query(`ALTER TABLE "Event" ALTER COLUMN "tags" TYPE varchar(20)[]`);
      await client.query(`ALTER TABLE "Entity" ALTER COLUMN "description" DROP DEFAULT`);
      await client.query(`ALTER TABLE "Entity" ALTER COLUMN "description" TYPE text[] USING ARRAY["description"]`);
      return schemaDrift(schema, client);
    });
    expect(drift.sort()).toEqual(
      [
        `Event.tags ("Event"."tags"): type is character varying(20)[], schema says text[]`,
        `Event.tags ("Event"."tags"): column is NOT NULL, schema says a list (Prisma creates list columns nullable)`,
        `Entity.description ("Entity"."description"): type is text[], schema says text`,
      ].sort(),
    );
  });

  it("notices a datasource extension that is not installed, or not in the version or schema named", async () => {
    const changed = schema.replace(
      "extensions = [pg_trgm]",
      'extensions = [pg_trgm(version: "0.1", schema: "elsewhere"), citext, uuidOssp(map: "uuid-ossp")]',
    );
    expect(changed).not.toBe(schema);
    const { rows } = await client.query<{ extversion: string; schema: string }>(
      `SELECT e.extversion, n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
    );
    expect((await schemaDrift(changed, client)).sort()).toEqual(
      [
        `extension "pg_trgm": version is ${rows[0]!.extversion}, schema says 0.1`,
        `extension "pg_trgm": installed in schema "${rows[0]!.schema}", schema says "elsewhere"`,
        `extension "citext" (datasource extensions) is not installed in the database`,
        `extension "uuid-ossp" (datasource extensions) is not installed in the database`,
      ].sort(),
    );
  });
});
