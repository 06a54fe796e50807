import wasm from "@prisma/prisma-schema-wasm";
import type pg from "pg";

/**
 * Compares a Prisma schema with the catalog of a live PostgreSQL database and
 * returns every difference as a readable line (empty when they agree).
 *
 * The schema is parsed by Prisma's own engine (compiled to wasm, no download),
 * so @map/@@map, native types, index sort orders, index types and operator
 * classes mean exactly what they mean to Prisma. Two things the engine's DMMF
 * leaves out are read from the schema text instead: `Unsupported("…")` fields
 * and the datasource's `extensions`. Only the `public` schema is inspected.
 */

type DmmfField = {
  name: string;
  dbName?: string | null;
  /** "unsupported" fields are not in the DMMF; parseSchema adds them from the schema text. */
  kind: "scalar" | "object" | "enum" | "unsupported";
  /** For an unsupported field, the database type named in `Unsupported("…")`. */
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
  /** BTree (when absent), Hash, Gist, Gin, SpGist or Brin. */
  algorithm?: string;
  /** operatorClass: a Prisma name (JsonbPathOps) or the text of raw("…") (gin_trgm_ops). */
  fields: { name: string; sortOrder?: "asc" | "desc"; operatorClass?: string }[];
};
/** An entry of the datasource's `extensions = [...]`: `name` is the database's name for it (map: wins). */
export type SchemaExtension = { name: string; version?: string; schema?: string };
type Datamodel = { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[]; extensions: SchemaExtension[] };

/** Tables the migration runner owns, not the schema. */
const RUNNER_TABLES = new Set(["_prisma_migrations"]);

export function parseSchema(prismaSchema: string): Datamodel {
  const dm = JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema }))).datamodel as Omit<Datamodel, "extensions">;
  const text = withoutComments(prismaSchema);
  for (const [modelName, fields] of unsupportedFields(text)) {
    const model = dm.models.find((m) => m.name === modelName);
    if (!model) throw new Error(`schema-drift: model ${modelName} has Unsupported fields but is not in the DMMF`);
    model.fields.push(...fields);
  }
  return { ...dm, extensions: datasourceExtensions(text) };
}

/** The schema with `//` comments blanked out (string literals respected), so the text readers below see only code. */
function withoutComments(schema: string): string {
  return schema
    .split("\n")
    .map((line) => {
      let inString = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i];
        if (inString && ch === "\\") i++;
        else if (ch === '"') inString = !inString;
        else if (!inString && ch === "/" && line[i + 1] === "/") return line.slice(0, i);
      }
      return line;
    })
    .join("\n");
}

const STRING = String.raw`"((?:[^"\\]|\\.)*)"`;
const unquote = (s: string) => JSON.parse(`"${s}"`) as string;

/** `name Unsupported("type")[?|[]] @map("column") …` lines of every model block, which the DMMF omits. */
function unsupportedFields(text: string): Map<string, DmmfField[]> {
  const result = new Map<string, DmmfField[]>();
  const fieldRe = new RegExp(String.raw`^\s*(\w+)\s+Unsupported\(\s*${STRING}\s*\)(\?|\[\])?(.*)$`);
  const mapRe = new RegExp(String.raw`@map\(\s*(?:name\s*:\s*)?${STRING}`);
  let model: string | null = null;
  for (const line of text.split("\n")) {
    const open = /^\s*model\s+(\w+)\s*\{/.exec(line);
    if (open) {
      model = open[1]!;
      continue;
    }
    if (/^\s*\}/.test(line)) {
      model = null;
      continue;
    }
    const m = model && fieldRe.exec(line);
    if (!model || !m) continue;
    const map = mapRe.exec(m[4]!);
    const field: DmmfField = {
      name: m[1]!,
      dbName: map ? unquote(map[1]!) : null,
      kind: "unsupported",
      type: unquote(m[2]!),
      isList: m[3] === "[]",
      isRequired: m[3] !== "?",
    };
    if (!result.has(model)) result.set(model, []);
    result.get(model)!.push(field);
  }
  return result;
}

/** The datasource's `extensions = [pg_trgm, uuidOssp(map: "uuid-ossp", version: "1.1", schema: "x")]`. */
function datasourceExtensions(text: string): SchemaExtension[] {
  const block = /^\s*datasource\s+\w+\s*\{([\s\S]*?)^\s*\}/m.exec(text);
  const list = block && /^\s*extensions\s*=\s*\[([\s\S]*?)\]/m.exec(block[1]!);
  if (!list) return [];
  const items: string[] = [];
  let depth = 0;
  let current = "";
  let inString = false;
  for (let i = 0; i < list[1]!.length; i++) {
    const ch = list[1]![i]!;
    if (inString && ch === "\\") {
      current += ch + (list[1]![++i] ?? "");
      continue;
    }
    if (ch === '"') inString = !inString;
    if (!inString && ch === "(") depth++;
    if (!inString && ch === ")") depth--;
    if (!inString && depth === 0 && ch === ",") {
      items.push(current);
      current = "";
    } else current += ch;
  }
  items.push(current);
  return items
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const m = /^([\w-]+)\s*(?:\(([\s\S]*)\))?$/.exec(item);
      if (!m) throw new Error(`schema-drift: cannot read datasource extension ${item}`);
      const arg = (key: string) => {
        const a = new RegExp(String.raw`\b${key}\s*:\s*${STRING}`).exec(m[2] ?? "");
        return a ? unquote(a[1]!) : undefined;
      };
      const ext: SchemaExtension = { name: arg("map") ?? m[1]! };
      const version = arg("version");
      const schema = arg("schema");
      if (version !== undefined) ext.version = version;
      if (schema !== undefined) ext.schema = schema;
      return ext;
    });
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

type TypeInfo = {
  data_type: string;
  udt_name: string;
  character_maximum_length: number | null;
  numeric_precision: number | null;
  numeric_scale: number | null;
  datetime_precision: number | null;
};
type ColumnRow = TypeInfo & {
  table_name: string;
  column_name: string;
  is_nullable: "YES" | "NO";
  is_generated: "ALWAYS" | "NEVER";
  /** pg_type oid and format_type() of the column, for Unsupported fields. */
  type_oid: number;
  formatted_type: string;
  /** The element type of an ARRAY column (information_schema.element_types), else nulls. */
  element: TypeInfo | null;
};

function actualType(c: TypeInfo): string {
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

/** A column's type as comparable text; an array is its element type followed by []. */
function actualColumnType(c: ColumnRow): string {
  if (c.data_type !== "ARRAY") return actualType(c);
  return c.element ? `${actualType(c.element)}[]` : `ARRAY:${c.udt_name}`;
}

/** The first "(…)" of a type's spelling, without blanks and lower-cased: the type modifier, if any. */
const typeModifier = (spelling: string) => (/\([^)]*\)/.exec(spelling)?.[0] ?? "").replace(/\s+/g, "").toLowerCase();

/**
 * Prisma spells built-in operator classes in PascalCase (JsonbPathOps, Int4MinMaxMultiOps,
 * TimestampTzBloomOps); raw("…") ones are passed through. Returns PostgreSQL's name.
 */
function operatorClassName(prismaName: string): string {
  if (!/^[A-Z]/.test(prismaName)) return prismaName;
  return prismaName
    .replace(/MinMax/g, "Minmax")
    .replace(/TimestampTz/g, "Timestamptz")
    .replace(/TimeTz/g, "Timetz")
    .replace(/VarBit/g, "Varbit")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase();
}

export async function schemaDrift(prismaSchema: string, client: pg.ClientBase): Promise<string[]> {
  const dm = parseSchema(prismaSchema);
  const problems: string[] = [];
  const enums = new Map(dm.enums.map((e) => [e.name, e]));
  const models = new Map(dm.models.map((m) => [m.name, m]));

  // Extensions: every one the datasource lists is installed (in the named schema / version, if given).
  const { rows: extensionRows } = await client.query<{ name: string; version: string; schema: string }>(`
    SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace`);
  const dbExtensions = new Map(extensionRows.map((r) => [r.name, r]));
  for (const ext of dm.extensions) {
    const installed = dbExtensions.get(ext.name);
    if (!installed) problems.push(`extension "${ext.name}" (datasource extensions) is not installed in the database`);
    else {
      if (ext.version !== undefined && ext.version !== installed.version)
        problems.push(`extension "${ext.name}": version is ${installed.version}, schema says ${ext.version}`);
      if (ext.schema !== undefined && ext.schema !== installed.schema)
        problems.push(
          `extension "${ext.name}": installed in schema "${installed.schema}", schema says "${ext.schema}"`,
        );
    }
  }

  // Tables and columns.
  const { rows: columns } = await client.query<ColumnRow>(`
    SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.is_generated,
           c.character_maximum_length, c.numeric_precision, c.numeric_scale, c.datetime_precision,
           a.atttypid::int AS type_oid, format_type(a.atttypid, a.atttypmod) AS formatted_type,
           -- element_types leaves lengths and precisions null (the column's typmod applies to the
           -- elements), so they are derived here the way information_schema.columns derives them.
           CASE WHEN e.data_type IS NULL THEN NULL ELSE json_build_object(
             'data_type', e.data_type, 'udt_name', e.udt_name,
             'character_maximum_length', information_schema._pg_char_max_length(at.typelem, a.atttypmod),
             'numeric_precision', information_schema._pg_numeric_precision(at.typelem, a.atttypmod),
             'numeric_scale', information_schema._pg_numeric_scale(at.typelem, a.atttypmod),
             'datetime_precision', information_schema._pg_datetime_precision(at.typelem, a.atttypmod)) END AS element
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      JOIN pg_attribute a ON a.attrelid = format('%I.%I', c.table_schema, c.table_name)::regclass AND a.attname = c.column_name
      JOIN pg_type at ON at.oid = a.atttypid
      LEFT JOIN information_schema.element_types e
             ON e.object_catalog = c.table_catalog AND e.object_schema = c.table_schema AND e.object_name = c.table_name
            AND e.object_type = 'TABLE' AND e.collection_type_identifier = c.dtd_identifier
     WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name, c.ordinal_position`);
  const dbTables = new Map<string, Map<string, ColumnRow>>();
  for (const c of columns) {
    if (!dbTables.has(c.table_name)) dbTables.set(c.table_name, new Map());
    dbTables.get(c.table_name)!.set(c.column_name, c);
  }

  // What the database makes of each Unsupported("…") type name (null: not a type it knows).
  const unsupportedSpellings = [
    ...new Set(
      dm.models.flatMap((m) =>
        m.fields.filter((f) => f.kind === "unsupported").map((f) => (f.isList ? `${f.type}[]` : f.type)),
      ),
    ),
  ];
  const { rows: regtypes } = await client.query<{ spelling: string; oid: number | null; name: string | null }>(
    `SELECT s AS spelling, to_regtype(s)::oid::int AS oid, format_type(to_regtype(s), NULL) AS name FROM unnest($1::text[]) s`,
    [unsupportedSpellings],
  );
  const unsupportedTypes = new Map(regtypes.map((r) => [r.spelling, r]));

  for (const model of dm.models) {
    const table = tableOf(model);
    const dbColumns = dbTables.get(table);
    if (!dbColumns) {
      problems.push(`model ${model.name}: table "${table}" is missing from the database`);
      continue;
    }
    const columnFields = model.fields.filter(
      (f) => f.kind === "scalar" || f.kind === "enum" || f.kind === "unsupported",
    );
    for (const field of columnFields) {
      const column = columnOf(field);
      const c = dbColumns.get(column);
      const where = `${model.name}.${field.name} ("${table}"."${column}")`;
      if (!c) {
        problems.push(`${where}: column is missing from the database`);
        continue;
      }
      const got = actualColumnType(c);
      if (field.kind === "unsupported") {
        // Compared by type oid (so aliases such as int4/integer agree), then by modifier when one is given.
        const spelling = field.isList ? `${field.type}[]` : field.type;
        const wanted = unsupportedTypes.get(spelling);
        const want = `Unsupported("${field.type}")${field.isList ? "[]" : ""}`;
        if (!wanted?.oid) problems.push(`${where}: schema says ${want}, which is not a type the database knows`);
        else if (
          wanted.oid !== c.type_oid ||
          (typeModifier(field.type) && typeModifier(field.type) !== typeModifier(c.formatted_type))
        )
          problems.push(`${where}: type is ${c.formatted_type}, schema says ${want}`);
        // Generated columns (is_generated = 'ALWAYS') are allowed for these: Prisma only reads them.
      } else {
        const want = `${expectedType(field, enums)}${field.isList ? "[]" : ""}`;
        if (want !== got) problems.push(`${where}: type is ${got}, schema says ${want}`);
      }
      // Prisma creates list columns without NOT NULL (a list cannot be optional in the schema).
      const wantNullable = field.isList || !field.isRequired;
      const gotNullable = c.is_nullable === "YES";
      if (wantNullable !== gotNullable) {
        const says = field.isList
          ? "a list (Prisma creates list columns nullable)"
          : wantNullable
            ? "optional"
            : "required";
        problems.push(`${where}: column is ${gotNullable ? "NULL" : "NOT NULL"}, schema says ${says}`);
      }
    }
    const known = new Set(columnFields.map(columnOf));
    for (const column of dbColumns.keys()) {
      if (!known.has(column)) problems.push(`table "${table}": column "${column}" is not in the schema`);
    }
  }
  const schemaTables = new Set(dm.models.map(tableOf));
  for (const table of dbTables.keys()) {
    if (!schemaTables.has(table) && !RUNNER_TABLES.has(table)) problems.push(`table "${table}" is not in the schema`);
  }

  // Indexes: @id, @unique, @@unique, @@index ↔ one index each: same columns in order, direction, operator
  // class, uniqueness and method (btree, gin, …). A column's operator class shows only when it is not the
  // default one for its type; INCLUDE columns, expressions and WHERE clauses (which Prisma cannot express) show too.
  const { rows: indexRows } = await client.query<{
    table: string;
    name: string;
    primary: boolean;
    unique: boolean;
    method: string;
    keyCount: number;
    columns: string[];
    options: number[];
    opclasses: string[];
    predicate: string | null;
  }>(`
    SELECT t.relname AS table, i.relname AS name, ix.indisprimary AS primary, ix.indisunique AS unique,
           am.amname AS method, ix.indnkeyatts::int AS "keyCount",
           ARRAY(SELECT CASE WHEN k.attnum = 0 THEN '(' || pg_get_indexdef(ix.indexrelid, k.ord::int, true) || ')' ELSE a.attname::text END
                   FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                   LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
           ARRAY(SELECT o.opt::int FROM unnest(ix.indoption::int2[]) WITH ORDINALITY o(opt, ord) ORDER BY o.ord) AS options,
           ARRAY(SELECT CASE WHEN oc.opcdefault THEN '' ELSE oc.opcname::text END
                   FROM unnest(ix.indclass::oid[]) WITH ORDINALITY k(opc, ord)
                   JOIN pg_opclass oc ON oc.oid = k.opc ORDER BY k.ord) AS opclasses,
           pg_get_expr(ix.indpred, ix.indrelid, true) AS predicate
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_am am ON am.oid = i.relam
      JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public'`);
  const { rows: defaultOpclassRows } = await client.query<{ method: string; name: string }>(`
    SELECT am.amname AS method, oc.opcname::text AS name
      FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod WHERE oc.opcdefault`);
  const defaultOpclasses = new Set(defaultOpclassRows.map((r) => `${r.method}:${r.name}`));
  const signature = (table: string, method: string, kind: string, cols: string[], rest = "") =>
    `${method === "btree" ? "" : `${method} `}${kind} on "${table}"(${cols.join(", ")})${rest}`;
  const dbIndexes = new Map<string, string[]>();
  for (const r of indexRows) {
    if (RUNNER_TABLES.has(r.table)) continue;
    const kind = r.primary ? "primary key" : r.unique ? "unique index" : "index";
    const cols = r.columns.slice(0, r.keyCount).map((c, i) => {
      const opt = r.options[i] ?? 0;
      const desc = (opt & 1) === 1;
      const nullsFirst = (opt & 2) === 2;
      const opclass = r.opclasses[i] ? ` ${r.opclasses[i]}` : "";
      // Default null ordering is NULLS LAST ascending, NULLS FIRST descending; only the other shows.
      const nulls = nullsFirst === desc ? "" : nullsFirst ? " NULLS FIRST" : " NULLS LAST";
      return `${c}${opclass}${desc ? " DESC" : ""}${nulls}`;
    });
    const include = r.columns.length > r.keyCount ? ` INCLUDE (${r.columns.slice(r.keyCount).join(", ")})` : "";
    const where = r.predicate ? ` WHERE ${r.predicate}` : "";
    const sig = signature(r.table, r.method, kind, cols, include + where);
    if (!dbIndexes.has(sig)) dbIndexes.set(sig, []);
    dbIndexes.get(sig)!.push(r.name);
  }
  const wanted = new Map<string, DmmfIndex>();
  for (const index of dm.indexes) {
    if (index.type === "fulltext") continue;
    const model = models.get(index.model)!;
    const byName = new Map(model.fields.map((f) => [f.name, f]));
    const kind = index.type === "id" ? "primary key" : index.type === "unique" ? "unique index" : "index";
    const method = (index.algorithm ?? "BTree").toLowerCase();
    const cols = index.fields.map((f) => {
      const field = byName.get(f.name);
      if (!field)
        throw new Error(
          `schema-drift: index field ${index.model}.${f.name} is neither in the DMMF nor an Unsupported field`,
        );
      const opclass = f.operatorClass ? operatorClassName(f.operatorClass) : "";
      const shown = opclass && !defaultOpclasses.has(`${method}:${opclass}`) ? ` ${opclass}` : "";
      return `${columnOf(field)}${shown}${f.sortOrder === "desc" ? " DESC" : ""}`;
    });
    wanted.set(signature(tableOf(model), method, kind, cols), index);
  }
  for (const [sig, index] of wanted) {
    const names = dbIndexes.get(sig) ?? [];
    // The index the schema names, if there is one by that name; the others stay to be reported as extra.
    const at = index.dbName && names.includes(index.dbName) ? names.indexOf(index.dbName) : 0;
    const [name] = names.splice(at, 1);
    if (!name) problems.push(`model ${index.model}: ${sig} is missing from the database`);
    else if (index.dbName && index.dbName !== name)
      problems.push(`model ${index.model}: ${sig} is named "${name}", schema says "${index.dbName}"`);
  }
  for (const [sig, names] of dbIndexes) {
    for (const name of names) problems.push(`index "${name}" (${sig}) is not in the schema`);
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
    else if (values.join(",") !== want.join(","))
      problems.push(`enum ${e.name}: values are [${values}], schema says [${want}]`);
  }
  const schemaEnums = new Set(dm.enums.map(enumTypeOf));
  for (const name of dbEnums.keys())
    if (!schemaEnums.has(name)) problems.push(`enum type "${name}" is not in the schema`);

  // Foreign keys: one per relation, same columns, target and referential actions.
  const { rows: fkRows } = await client.query<{
    table: string;
    name: string;
    columns: string[];
    target: string;
    targetColumns: string[];
    onDelete: string;
    onUpdate: string;
  }>(`
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
    fkRows.map((r) => [
      fkSig(
        r.table,
        r.columns,
        r.target,
        r.targetColumns,
        ACTIONS[r.onDelete] ?? r.onDelete,
        ACTIONS[r.onUpdate] ?? r.onUpdate,
      ),
      r.name,
    ]),
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
  for (const [sig, name] of dbFks)
    if (!wantedFks.has(sig)) problems.push(`foreign key "${name}" (${sig}) is not in the schema`);

  return problems;
}
