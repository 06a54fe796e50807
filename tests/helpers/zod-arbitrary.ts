import fc from "fast-check";

/**
 * fast-check arbitraries derived from zod 4 schemas. The published bridges
 * between the two (zod-fast-check and friends) target zod 3 and fast-check 3,
 * so this reads zod 4's own schema definitions (`schema._zod.def`) instead.
 *
 * Two modes:
 * - "valid": values the schema's structure accepts (types, lengths, bounds,
 *   patterns, formats). Refinements written as functions cannot be read, so a
 *   "valid" value may still fail one of those: that is a 4xx, which is fine.
 * - "mixed": every leaf is usually valid, sometimes a boundary value (the
 *   shortest or longest allowed, Persian, markup, bidi controls), sometimes a
 *   hostile one (NUL, lone surrogates, 10 MB strings, out-of-range, NaN or
 *   infinite numbers, wrong types, earliest and latest JS dates).
 *
 * Very long strings are produced as `Huge` markers so a failure report prints
 * `"a".repeat(10485760)` rather than ten megabytes; call `materialize` on a
 * generated value before handing it to the code under test.
 */

export type Mode = "valid" | "mixed";

/** Where in the input a value goes: the object keys and array indexes above it. */
export type Location = {
  path: readonly (string | number)[];
  /** The nearest object key above the value (for an array element, the array's key). */
  key: string | undefined;
};

/**
 * Replaces the "valid" generator of a node (ids drawn from real rows, real
 * cursors); boundary and hostile values of the node's own schema are still
 * mixed in. Returning undefined leaves the node to the schema.
 */
export type Override = (at: Location, schema: ZodLike) => fc.Arbitrary<unknown> | undefined;

export type DeriveOptions = {
  mode?: Mode;
  override?: Override;
  /** Relative weights of valid, boundary and hostile leaves in "mixed" mode. */
  weights?: { valid: number; boundary: number; hostile: number };
};

export class UnsupportedSchemaError extends Error {
  constructor(
    readonly type: string,
    readonly path: readonly (string | number)[],
  ) {
    super(`Cannot derive values for a zod "${type}" at ${path.length ? path.join(".") : "the top level"}`);
    this.name = "UnsupportedSchemaError";
  }
}

// ---------------------------------------------------------------------------
// A typed view of the parts of zod 4's definitions this reads.

type CheckDef = {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number | bigint;
  inclusive?: boolean;
  format?: string;
  pattern?: RegExp;
};
type Def = {
  type: string;
  checks?: { _zod: { def: CheckDef } }[];
  format?: string;
  pattern?: RegExp;
  shape?: Record<string, ZodLike>;
  innerType?: ZodLike;
  element?: ZodLike;
  in?: ZodLike;
  out?: ZodLike;
  left?: ZodLike;
  right?: ZodLike;
  options?: ZodLike[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  items?: ZodLike[];
  rest?: ZodLike | null;
  keyType?: ZodLike;
  valueType?: ZodLike;
  getter?: () => ZodLike;
};
/** Any zod 4 schema, seen through its definition. */
export type ZodLike = { _zod: { def: unknown; optin?: string } };

const defOf = (s: ZodLike) => s._zod.def as Def;
const checksOf = (s: ZodLike) => (defOf(s).checks ?? []).map((c) => c._zod.def);

// ---------------------------------------------------------------------------
// Long strings, printed short.

const hugeCache = new Map<string, string>();

/** `prefix` followed by `char` repeated up to `length` characters in all. */
export class Huge {
  constructor(
    readonly char: string,
    readonly length: number,
    readonly prefix = "",
  ) {}
  get value(): string {
    const key = `${this.prefix}\u0000${this.char}\u0000${this.length}`;
    let s = hugeCache.get(key);
    if (s === undefined) {
      s = this.prefix + this.char.repeat(Math.max(0, this.length - this.prefix.length));
      // Only a few distinct values occur; keep them so each is built once.
      if (hugeCache.size < 64) hugeCache.set(key, s);
    }
    return s;
  }
  [fc.toStringMethod](): string {
    const tail = `${JSON.stringify(this.char)}.repeat(${this.length - this.prefix.length})`;
    return this.prefix ? `${JSON.stringify(this.prefix)} + ${tail}` : tail;
  }
}

/** Strings up to this length are generated inline; longer ones as `Huge`. */
const INLINE_MAX = 120;
export const TEN_MB = 10 * 1024 * 1024;

const repeated = (char: string, length: number): string | Huge =>
  length <= INLINE_MAX ? char.repeat(length) : new Huge(char, length);

/** A generated value with every `Huge` replaced by its string; objects and arrays are copied. */
export function materialize(value: unknown): unknown {
  if (value instanceof Huge) return value.value;
  if (Array.isArray(value)) return value.map(materialize);
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // A "__proto__" own key (as JSON.parse makes one) must stay an own key, not become the prototype.
      Object.defineProperty(out, k, { value: materialize(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

// ---------------------------------------------------------------------------
// Value catalogues.

/** Characters of valid text: Latin with accents, Persian, digits and a little punctuation, all in the BMP. */
const TEXT_CHARS = [
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
  ..."éüçñøßÅ",
  ..."مشهدتهرانکابل",
  ..."-_.'()",
];

/** Storable but unusual text a form may well receive. */
export const UNUSUAL_STRINGS: readonly string[] = [
  "مشهد",
  "سپاه پاسداران انقلاب اسلامی",
  "e\u0301",
  "👩‍👩‍👧",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "[x](javascript:alert(1))",
  '\'; DROP TABLE "Event"; --',
  "{{7*7}}${7*7}",
  "\u202Egnp.exe",
  "\u2066abc\u2069",
  "\u200F\u200E",
  "a\u200Bb",
  "\uFEFFbom",
  "\uFFFF\uFFFE",
  "\u0001\u001b[31mred",
  "line\r\nbreak",
  "../../etc/passwd",
  "%00%27",
  "NaN",
  "-1",
  "99999999999999999999999",
  " padded ",
];

/** Text that cannot be stored as it is: NUL bytes and unpaired UTF-16 surrogates. */
export const UNSTORABLE_STRINGS: readonly string[] = [
  "\u0000",
  "a\u0000b",
  "\uD800",
  "\uDC00",
  "x\uDBFFy",
  "\uDC00\uD800",
  "\uD83D",
];

/** Values of the wrong type, for any leaf. */
const WRONG_TYPES: readonly unknown[] = [null, 42, -1, true, "", {}, [], [null], { length: 1 }];

/** Numbers at and past every edge a database column or JS has. */
export const EDGE_NUMBERS: readonly number[] = [
  0,
  -0,
  -1,
  0.5,
  1.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 63,
  2 ** 64,
  -(2 ** 63),
  1e21,
  1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

/** The earliest and latest instants a JS Date can hold, and an invalid one. */
export const EDGE_DATES: readonly Date[] = [new Date(-8.64e15), new Date(8.64e15), new Date(Number.NaN), new Date(0)];

// ---------------------------------------------------------------------------

type Ctx = {
  mode: Mode;
  override?: Override;
  weights: { valid: number; boundary: number; hostile: number };
  depth: number;
};

export function arbitraryFor(schema: ZodLike, options: DeriveOptions = {}): fc.Arbitrary<unknown> {
  return derive(
    schema,
    { path: [], key: undefined },
    {
      mode: options.mode ?? "mixed",
      override: options.override,
      weights: options.weights ?? { valid: 6, boundary: 1, hostile: 2 },
      depth: 0,
    },
  );
}

/** In "mixed" mode: mostly the valid generator, sometimes a boundary value, sometimes a hostile one. */
function leaf(
  ctx: Ctx,
  valid: fc.Arbitrary<unknown>,
  boundary: readonly unknown[],
  hostile: readonly (fc.Arbitrary<unknown> | unknown)[],
): fc.Arbitrary<unknown> {
  if (ctx.mode === "valid") return valid;
  const parts: fc.WeightedArbitrary<unknown>[] = [{ arbitrary: valid, weight: ctx.weights.valid }];
  if (boundary.length) parts.push({ arbitrary: fc.constantFrom(...boundary), weight: ctx.weights.boundary });
  const h = hostile.map((x) => (x instanceof fc.Arbitrary ? x : fc.constant(x)));
  if (h.length) parts.push({ arbitrary: fc.oneof(...h), weight: ctx.weights.hostile });
  return fc.oneof(...parts);
}

function derive(schema: ZodLike, at: Location, ctx: Ctx): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const own = ctx.override?.(at, schema);
  switch (def.type) {
    case "string":
      return stringArbitrary(schema, at, ctx, own);
    case "number":
      return numberArbitrary(schema, ctx, own);
    case "bigint":
      return leaf(ctx, own ?? fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }), [0n], [2n ** 64n, -(2n ** 64n), 1.5]);
    case "boolean":
      return leaf(ctx, own ?? fc.boolean(), [], ["true", 0, 1, null]);
    case "date":
      return leaf(
        ctx,
        own ??
          fc.date({
            min: new Date("0001-01-01T00:00:00Z"),
            max: new Date("9999-12-31T00:00:00Z"),
            noInvalidDate: true,
          }),
        [],
        [...EDGE_DATES, "2020-01-01", 0],
      );
    case "enum": {
      const values = Object.values(def.entries ?? {});
      const strings = values.filter((v): v is string => typeof v === "string");
      return leaf(
        ctx,
        own ?? fc.constantFrom(...values),
        [],
        ["", "__proto__", ...strings.map((v) => v.toLowerCase()), 0, null],
      );
    }
    case "literal": {
      const values = def.values ?? [];
      return leaf(ctx, own ?? fc.constantFrom(...values), [], [...values.map((v) => String(v) + "x"), null]);
    }
    case "null":
      return fc.constant(null);
    case "undefined":
    case "void":
      return fc.constant(undefined);
    case "any":
    case "unknown":
      return own ?? (ctx.mode === "valid" ? fc.jsonValue() : fc.anything());
    case "optional":
      return own ?? fc.option(derive(def.innerType!, at, ctx), { nil: undefined, freq: 4 });
    case "nullable":
      return own ?? fc.option(derive(def.innerType!, at, ctx), { nil: null, freq: 4 });
    case "default":
    case "prefault":
      return own ?? fc.option(derive(def.innerType!, at, ctx), { nil: undefined, freq: 3 });
    case "catch":
    case "readonly":
    case "nonoptional":
      return own ?? derive(def.innerType!, at, ctx);
    case "lazy":
      if (ctx.depth > 3) return fc.constant(undefined);
      return own ?? derive(def.getter!(), at, { ...ctx, depth: ctx.depth + 1 });
    case "pipe":
      return own ?? pipeArbitrary(schema, at, ctx);
    case "object":
      return own ?? objectArbitrary(def, at, ctx);
    case "array":
      return own ?? arrayArbitrary(schema, at, ctx);
    case "tuple": {
      const items = (def.items ?? []).map((s, i) => derive(s, { path: [...at.path, i], key: at.key }, ctx));
      return own ?? leaf(ctx, fc.tuple(...items), [], WRONG_TYPES);
    }
    case "record": {
      const value = derive(def.valueType!, { path: [...at.path, "*"], key: at.key }, ctx);
      return (
        own ??
        leaf(ctx, fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value, { maxKeys: 4 }), [], WRONG_TYPES)
      );
    }
    case "union":
      return own ?? fc.oneof(...(def.options ?? []).map((o) => derive(o, at, ctx)));
    case "intersection": {
      const left = derive(def.left!, at, ctx);
      const right = derive(def.right!, at, ctx);
      return own ?? fc.tuple(left, right).map(([l, r]) => (isPlainObject(l) && isPlainObject(r) ? { ...l, ...r } : l));
    }
    default:
      if (own) return own;
      throw new UnsupportedSchemaError(def.type, at.path);
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function pipeArbitrary(schema: ZodLike, at: Location, ctx: Ctx): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const input = def.in!;
  const output = def.out!;
  // z.preprocess(fn, schema): the input is whatever fn turns into a value of the schema.
  if (defOf(input).type === "transform") return derive(output, at, ctx);
  // string().pipe(z.email()): a string meeting the constraints of both sides.
  if (isStringLike(input) && isStringLike(output)) return stringArbitrary(schema, at, ctx, ctx.override?.(at, schema));
  return derive(input, at, ctx);
}

/** A string schema, or pipes of string schemas (and transforms after them). */
function isStringLike(s: ZodLike): boolean {
  const d = defOf(s);
  if (d.type === "string") return true;
  if (d.type === "pipe") return isStringLike(d.in!) && (isStringLike(d.out!) || defOf(d.out!).type === "transform");
  return false;
}

// ---------------------------------------------------------------------------
// Strings.

type StringRules = { min: number; max: number; patterns: RegExp[]; formats: string[]; trims: boolean };

function stringRules(
  s: ZodLike,
  rules: StringRules = { min: 0, max: Infinity, patterns: [], formats: [], trims: false },
) {
  const def = defOf(s);
  if (def.type === "pipe") {
    stringRules(def.in!, rules);
    if (defOf(def.out!).type !== "transform") stringRules(def.out!, rules);
    return rules;
  }
  if (def.format && def.format !== "regex") rules.formats.push(def.format);
  if (def.pattern && def.format !== "email") rules.patterns.push(def.pattern);
  for (const c of checksOf(s)) {
    if (c.check === "min_length") rules.min = Math.max(rules.min, c.minimum ?? 0);
    else if (c.check === "max_length") rules.max = Math.min(rules.max, c.maximum ?? Infinity);
    else if (c.check === "length_equals") rules.min = rules.max = c.value as number;
    else if (c.check === "overwrite") rules.trims = true;
    else if (c.check === "string_format") {
      if (c.format === "regex" && c.pattern) rules.patterns.push(c.pattern);
      else if (c.format) rules.formats.push(c.format);
    }
  }
  return rules;
}

const word = fc.string({ unit: fc.constantFrom(...TEXT_CHARS), minLength: 1, maxLength: 10 });
const plainText = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(" "));
const emailAddress = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9]{1,12}$/),
    fc.stringMatching(/^[a-z0-9]{1,12}$/),
    fc.constantFrom("org", "net", "example"),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const cuidLike = fc.stringMatching(/^c[a-z0-9]{24}$/);

function formatArbitrary(format: string): fc.Arbitrary<string> | undefined {
  switch (format) {
    case "email":
      return emailAddress;
    case "url":
      return fc.webUrl();
    case "uuid":
    case "guid":
      return fc.uuid();
    case "cuid":
    case "cuid2":
      return cuidLike;
    case "datetime":
      return fc
        .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString());
    default:
      return undefined;
  }
}

/** Pads a string to `min` and drops it past `max` (a boundary value must stay in bounds). */
function fit(s: string, r: StringRules): string | Huge | undefined {
  const length = Math.max(s.length, r.min);
  if (length > r.max) return undefined;
  return length > INLINE_MAX ? new Huge("a", length, s) : s + "a".repeat(length - s.length);
}

function stringArbitrary(s: ZodLike, at: Location, ctx: Ctx, own: fc.Arbitrary<unknown> | undefined) {
  const r = stringRules(s);
  let valid: fc.Arbitrary<unknown>;
  if (own) valid = own;
  else {
    const format = r.formats.map(formatArbitrary).find(Boolean);
    if (r.formats.length && !format && !r.patterns.length)
      throw new UnsupportedSchemaError(`string format ${r.formats[0]}`, at.path);
    let base: fc.Arbitrary<string> = format ?? (r.patterns.length ? fc.stringMatching(r.patterns[0]!) : plainText);
    const [, ...more] = r.patterns;
    if (format || r.patterns.length) {
      base = base.filter((v) => v.length >= r.min && v.length <= r.max && more.every((p) => p.test(v)));
    } else {
      base = base.map((v) => {
        const padded = v.length < r.min ? v + "a".repeat(r.min - v.length) : v;
        return padded.slice(0, r.max).trimEnd() || "a";
      });
    }
    valid = base.map((v) => (v.length > INLINE_MAX ? new Huge("", v.length, v) : v));
  }
  if (ctx.mode === "valid") return valid;

  const boundary = [
    r.min > 0 ? repeated("a", r.min) : "",
    Number.isFinite(r.max) ? repeated("a", r.max) : undefined,
    ...UNUSUAL_STRINGS.map((u) => fit(u, r)),
  ].filter((v): v is string | Huge => v !== undefined);
  const hostile: unknown[] = [
    ...UNSTORABLE_STRINGS.map((u) => fit(u, r) ?? u),
    ...UNSTORABLE_STRINGS.map((u) => fit(`${u}abc`, r) ?? u),
    "   ",
    "\t\n",
    r.min > 0 ? repeated("a", r.min - 1) : undefined,
    Number.isFinite(r.max) ? repeated("a", r.max + 1) : undefined,
    new Huge("a", TEN_MB),
    new Huge("\u0000", 1024),
    ...WRONG_TYPES,
  ].filter((v) => v !== undefined);
  return leaf(ctx, valid, boundary, hostile);
}

// ---------------------------------------------------------------------------
// Numbers.

function numberArbitrary(s: ZodLike, ctx: Ctx, own: fc.Arbitrary<unknown> | undefined) {
  let lo = -Infinity;
  let hi = Infinity;
  let int = false;
  for (const c of checksOf(s)) {
    if (c.check === "number_format") {
      int = c.format !== "float32" && c.format !== "float64";
      const [flo, fhi] =
        c.format === "int32"
          ? [-(2 ** 31), 2 ** 31 - 1]
          : c.format === "uint32"
            ? [0, 2 ** 32 - 1]
            : c.format === "safeint"
              ? [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]
              : [-Number.MAX_VALUE, Number.MAX_VALUE];
      lo = Math.max(lo, flo);
      hi = Math.min(hi, fhi);
    } else if (c.check === "greater_than") {
      const v = Number(c.value);
      lo = Math.max(lo, c.inclusive ? v : int ? v + 1 : v + Number.EPSILON);
    } else if (c.check === "less_than") {
      const v = Number(c.value);
      hi = Math.min(hi, c.inclusive ? v : int ? v - 1 : v - Number.EPSILON);
    }
  }
  let valid: fc.Arbitrary<unknown>;
  if (own) valid = own;
  else if (int) {
    const a = Number.isFinite(lo) ? Math.ceil(lo) : -1000;
    const b = Number.isFinite(hi) ? Math.floor(hi) : a + 1_000_000;
    // Mostly small values near the lower bound (ids, versions, limits), sometimes anywhere in range.
    valid = fc.oneof(
      { arbitrary: fc.integer({ min: a, max: Math.min(b, a + 20) }), weight: 4 },
      { arbitrary: fc.integer({ min: a, max: b }), weight: 1 },
    );
  } else {
    valid = fc.double({
      min: Number.isFinite(lo) ? lo : -1e9,
      max: Number.isFinite(hi) ? hi : 1e9,
      noNaN: true,
      noDefaultInfinity: true,
    });
  }
  if (ctx.mode === "valid") return valid;
  const boundary = [lo, hi, 0].filter((v) => Number.isFinite(v) && v >= lo && v <= hi);
  const hostile = [
    ...(Number.isFinite(lo) ? [lo - 1] : []),
    ...(Number.isFinite(hi) ? [hi + 1] : []),
    ...EDGE_NUMBERS,
    "1",
    null,
    {},
  ];
  return leaf(ctx, valid, boundary, hostile);
}

// ---------------------------------------------------------------------------
// Objects and arrays.

function objectArbitrary(def: Def, at: Location, ctx: Ctx): fc.Arbitrary<unknown> {
  const shape = def.shape ?? {};
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [key, child] of Object.entries(shape)) {
    model[key] = derive(child, { path: [...at.path, key], key }, ctx);
    if (child._zod.optin !== "optional") required.push(key);
  }
  // Inputs arrive as JSON, whose objects always have a prototype.
  const record = fc.record(model, { requiredKeys: required, noNullPrototype: true });
  if (ctx.mode === "valid") return record;
  // Keys a JSON body can carry that a careless merge would trip on.
  const extras = record.map((r) => {
    const out: Record<string, unknown> = { ...(r as Record<string, unknown>) };
    for (const key of ["__proto__", "constructor"])
      Object.defineProperty(out, key, {
        value: { prototype: { isAdmin: true }, isAdmin: true },
        enumerable: true,
        writable: true,
        configurable: true,
      });
    out.unexpected = new Huge("x", 1000);
    return out;
  });
  return fc.oneof(
    { arbitrary: record, weight: 12 },
    { arbitrary: extras, weight: 1 },
    { arbitrary: fc.constantFrom(...WRONG_TYPES), weight: 1 },
  );
}

function arrayArbitrary(s: ZodLike, at: Location, ctx: Ctx): fc.Arbitrary<unknown> {
  let min = 0;
  let max = Infinity;
  for (const c of checksOf(s)) {
    if (c.check === "min_length") min = Math.max(min, c.minimum ?? 0);
    else if (c.check === "max_length") max = Math.min(max, c.maximum ?? Infinity);
    else if (c.check === "length_equals") min = max = c.value as number;
  }
  const item = derive(defOf(s).element!, { path: [...at.path, 0], key: at.key }, ctx);
  const valid = fc.array(item, { minLength: min, maxLength: Math.min(max, min + 4) });
  if (ctx.mode === "valid") return valid;
  const hostile: fc.Arbitrary<unknown>[] = [fc.constantFrom<unknown>("a", null, {}, [null], [undefined])];
  // One past the longest allowed, when that is a size worth building.
  if (Number.isFinite(max) && max < 1000) hostile.push(fc.array(item, { minLength: max + 1, maxLength: max + 1 }));
  if (min > 0) hostile.push(fc.constant([]));
  return fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: fc.oneof(...hostile), weight: 1 });
}
