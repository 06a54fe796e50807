import wasm from "@prisma/prisma-schema-wasm";
import type pg from "pg";

/**
 * Compares a Prisma schema with the catalog of a live PostgreSQL database and
 * returns every difference as a readable line (empty when they agree).
 *
 * The schema is parsed by Prisma's own engine (compiled to wasm, no download),
 * so @map/@@map, native types and index sort orders mean exactly what they mean
 * to Prisma. Only the `public` schema is inspected.
 */

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfEnum = { name: string; dbName?: string | null; values: { name: string; dbName: string | null }[] };
type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string | null;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
};
type Datamodel = { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };

/** Tables the migration runner owns, not the schema. */
const RUNNER_TABLES = new Set(["_prisma_migrations"]);

export function parseSchema(prismaSchema: string): Datamodel {
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema }))).datamodel as Datamodel;
}

const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
const columnOf = (f: DmmfField) => f.dbName ?? f.name;
const enumTypeOf = (e: DmmfEnum) => e.dbName ?? e.name;

/** The column type Prisma's migrate creates for a field, spelled as information_schema reports it. */
function expectedType(field: DmmfField, enums: Map<string, DmmfEnum>): string {
  if (field.kind === "enum") {
    const e = enums.get(field.type);
    return `USER-DEFINED:${e ? enumTypeOf(e) : field.type}`;
  }
  if (field.nativeType) {
    const [name, args] = field.nativeType;
    switch (name) {
      case "VarChar":
        return `character varying(${args[0] ?? ""})`;
      case "Char":
        return `character(${args[0] ?? ""})`;
      case "Text":
        return "text";
      case "Uuid":
        return "uuid";
      case "Timestamptz":
        return `timestamp with time zone(${args[0] ?? "6"})`;
      case "Timestamp":
        return `timestamp without time zone(${args[0] ?? "6"})`;
      case "Date":
        return "date";
      case "SmallInt":
        return "smallint";
      case "JsonB":
        return "jsonb";
      default:
        return `unsupported native type @db.${name} (extend tests/helpers/schema-drift.ts)`;
    }
  }
  switch (field.type) {
    case "String":
      return "text";
    case "Int":
      return "integer";
    case "BigInt":
      return "bigint";
    case "Boolean":
      return "boolean";
    case "DateTime":
      return "timestamp without time zone(3)";
    case "Json":
      return "jsonb";
    case "Float":
      return "double precision";
    case "Decimal":
      return "numeric(65,30)";
    case "Bytes":
      return "bytea";
    default:
      return `unsupported type ${field.type} (extend tests/helpers/schema-drift.ts)`;
  }
}

type ColumnRow = {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  datetime_precision: number | null;
};

function actualType(c: ColumnRow): string {
  switch (c.data_type) {
    case "USER-DEFINED":
      return `USER-DEFINED:${c.udt_name}`;
    case "character varying":
    case "character":
      return `${c.data_type}(${c.character_maximum_length ?? ""})`;
    case "timestamp without time zone":
    case "timestamp with time zone":
      return `${c.data_type}(${c.datetime_precision})`;
    case "numeric":
      return `numeric(${c.numeric_precision},${c.numeric_scale})`;
    default:
      return c.data_type;
  }
}

export async function schemaDrift(prismaSchema: string, client: pg.ClientBase): Promise<string[]> {
  const dm = parseSchema(prismaSchema);
  const problems: string[] = [];
  const enums = new Map(dm.enums.map((e) => [e.name, e]));
  const models = new Map(dm.models.map((m) => [m.name, m]));

  // Tables and columns.
  const { rows: columns } = await client.query<ColumnRow>(`
    SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable,
           c.character_maximum_length, c.numeric_precision, c.numeric_scale, c.datetime_precision
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name, c.ordinal_position`);
  const dbTables = new Map<string, Map<string, ColumnRow>>();
  for (const c of columns) {
    if (!dbTables.has(c.table_name)) dbTables.set(c.table_name, new Map());
    dbTables.get(c.table_name)!.set(c.column_name, c);
  }

  for (const model of dm.models) {
    const table = tableOf(model);
    const dbColumns = dbTables.get(table);
    if (!dbColumns) {
      problems.push(`model ${model.name}: table "${table}" is missing from the database`);
      continue;
    }
    const scalars = model.fields.filter((f) => f.kind === "scalar" || f.kind === "enum");
    for (const field of scalars) {
      const column = columnOf(field);
      const c = dbColumns.get(column);
      const where = `${model.name}.${field.name} ("${table}"."${column}")`;
      if (!c) {
        problems.push(`${where}: column is missing from the database`);
        continue;
      }
      let want = expectedType(field, enums);
      if (field.isList) want = `ARRAY:_${want}`;
      const got = c.data_type === "ARRAY" ? `ARRAY:${c.udt_name}` : actualType(c);
      // Arrays are compared by element udt name only; good enough for the types in use.
      if (!field.isList && want !== got) problems.push(`${where}: type is ${got}, schema says ${want}`);
      if (field.isList && c.data_type !== "ARRAY") problems.push(`${where}: type is ${got}, schema says a list`);
      const wantNullable = !field.isRequired && !field.isList;
      const gotNullable = c.is_nullable === "YES";
      if (wantNullable !== gotNullable) {
        problems.push(`${where}: column is ${gotNullable ? "NULL" : "NOT NULL"}, schema says ${wantNullable ? "optional" : "required"}`);
      }
    }
    const known = new Set(scalars.map(columnOf));
    for (const column of dbColumns.keys()) {
      if (!known.has(column)) problems.push(`table "${table}": column "${column}" is not in the schema`);
    }
  }
  const schemaTables = new Set(dm.models.map(tableOf));
  for (const table of dbTables.keys()) {
    if (!schemaTables.has(table) && !RUNNER_TABLES.has(table)) problems.push(`table "${table}" is not in the schema`);
  }

  // Indexes: @id, @unique, @@unique, @@index ↔ one index each, same columns in order, same direction and uniqueness.
  const { rows: indexRows } = await client.query<{
    table: string;
    name: string;
    primary: boolean;
    unique: boolean;
    columns: string[];
    descending: boolean[];
  }>(`
    SELECT t.relname AS table, i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique,
           ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
           ARRAY(SELECT (o.opt & 1) = 1 FROM unnest(ix.indoption::int2[]) WITH ORDINALITY o(opt, ord) ORDER BY o.ord) AS descending
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public'`);
  const signature = (table: string, kind: string, cols: string[]) => `${kind} on "${table}"(${cols.join(", ")})`;
  const dbIndexes = new Map<string, string>();
  for (const r of indexRows) {
    if (RUNNER_TABLES.has(r.table)) continue;
    const kind = r.primary ? "primary key" : r.unique ? "unique index" : "index";
    const cols = r.columns.map((c, i) => (r.descending[i] ? `${c} DESC` : c));
    dbIndexes.set(signature(r.table, kind, cols), r.name);
  }
  const wanted = new Map<string, DmmfIndex>();
  for (const index of dm.indexes) {
    if (index.type === "fulltext") continue;
    const model = models.get(index.model)!;
    const byName = new Map(model.fields.map((f) => [f.name, f]));
    const kind = index.type === "id" ? "primary key" : index.type === "unique" ? "unique index" : "index";
    const cols = index.fields.map((f) => `${columnOf(byName.get(f.name)!)}${f.sortOrder === "desc" ? " DESC" : ""}`);
    wanted.set(signature(tableOf(model), kind, cols), index);
  }
  for (const [sig, index] of wanted) {
    const name = dbIndexes.get(sig);
    if (!name) problems.push(`model ${index.model}: ${sig} is missing from the database`);
    else if (index.dbName && index.dbName !== name) problems.push(`model ${index.model}: ${sig} is named "${name}", schema says "${index.dbName}"`);
  }
  for (const [sig, name] of dbIndexes) {
    if (!wanted.has(sig)) problems.push(`index "${name}" (${sig}) is not in the schema`);
  }

  // Enums: same types, same values in the same order.
  const { rows: enumRows } = await client.query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = 'public' AND t.typtype = 'e'`);
  const dbEnums = new Map(enumRows.map((r) => [r.name, r.values]));
  for (const e of dm.enums) {
    const values = dbEnums.get(enumTypeOf(e));
    const want = e.values.map((v) => v.dbName ?? v.name);
    if (!values) problems.push(`enum ${e.name}: type "${enumTypeOf(e)}" is missing from the database`);
    else if (values.join(",") !== want.join(",")) problems.push(`enum ${e.name}: values are [${values}], schema says [${want}]`);
  }
  const schemaEnums = new Set(dm.enums.map(enumTypeOf));
  for (const name of dbEnums.keys()) if (!schemaEnums.has(name)) problems.push(`enum type "${name}" is not in the schema`);

  // Foreign keys: one per relation, same columns, target and referential actions.
  const { rows: fkRows } = await client.query<{ table: string; name: string; columns: string[]; target: string; targetColumns: string[]; onDelete: string; onUpdate: string }>(`
    SELECT t.relname AS table, c.conname AS name, rt.relname AS target,
           ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
           ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                   JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "targetColumns",
           c.confdeltype::text AS "onDelete", c.confupdtype::text AS "onUpdate"
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_class rt ON rt.oid = c.confrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE c.contype = 'f' AND n.nspname = 'public'`);
  const ACTIONS: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };
  const fkSig = (table: string, cols: string[], target: string, targetCols: string[], del: string, upd: string) =>
    `"${table}"(${cols.join(", ")}) → "${target}"(${targetCols.join(", ")}) ON DELETE ${del} ON UPDATE ${upd}`;
  const dbFks = new Map(
    fkRows.map((r) => [fkSig(r.table, r.columns, r.target, r.targetColumns, ACTIONS[r.onDelete] ?? r.onDelete, ACTIONS[r.onUpdate] ?? r.onUpdate), r.name]),
  );
  const wantedFks = new Set<string>();
  for (const model of dm.models) {
    const byName = new Map(model.fields.map((f) => [f.name, f]));
    for (const rel of model.fields.filter((f) => f.kind === "object" && f.relationFromFields?.length)) {
      const target = models.get(rel.type)!;
      const targetByName = new Map(target.fields.map((f) => [f.name, f]));
      // Prisma's defaults: Restrict for a required relation, SetNull for an optional one; Cascade on update.
      const onDelete = rel.relationOnDelete ?? (rel.isRequired ? "Restrict" : "SetNull");
      const onUpdate = rel.relationOnUpdate ?? "Cascade";
      const sig = fkSig(
        tableOf(model),
        rel.relationFromFields!.map((n) => columnOf(byName.get(n)!)),
        tableOf(target),
        rel.relationToFields!.map((n) => columnOf(targetByName.get(n)!)),
        onDelete,
        onUpdate,
      );
      wantedFks.add(sig);
      if (!dbFks.has(sig)) problems.push(`${model.name}.${rel.name}: foreign key ${sig} is missing from the database`);
    }
  }
  for (const [sig, name] of dbFks) if (!wantedFks.has(sig)) problems.push(`foreign key "${name}" (${sig}) is not in the schema`);

  return problems;
}
