import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { emailSchema } from "../../server/schemas/auth.ts";
import { pageSchema, workspaceScopedSchema } from "../../server/schemas/common.ts";
import { createEntitySchema } from "../../server/schemas/entity.ts";
import { listEventsSchema } from "../../server/schemas/event.ts";
import { createInvitationSchema } from "../../server/schemas/invitation.ts";
import {
  arbitraryFor,
  Huge,
  materialize,
  TEN_MB,
  UnsupportedSchemaError,
  type Location,
  type ZodLike,
} from "../helpers/zod-arbitrary.ts";

const sample = (
  schema: ZodLike,
  mode: "valid" | "mixed",
  numRuns = 300,
  override?: Parameters<typeof arbitraryFor>[1],
) => fc.sample(arbitraryFor(schema, { mode, ...override }), { seed: 20261206, numRuns });

/** Schemas with no function refinements: every "valid" value must pass them. */
const structural = {
  bounded: z.string().trim().min(2).max(12),
  pattern: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/),
  email: emailSchema,
  int: z.number().int().min(1).max(100),
  unboundedInt: z.number().int().min(1),
  double: z.number().min(-5).max(5),
  enumeration: z.enum(["A", "B", "C"]),
  literals: z.union([z.literal(1), z.literal(2)]),
  bool: z.boolean(),
  list: z.array(z.string().min(1).max(5)).min(1).max(3),
  object: z.object({
    a: z.string().max(3).optional(),
    b: z.number().int().nullish(),
    c: z.enum(["x", "y"]).default("x"),
    d: z.object({ e: z.array(z.boolean()).max(2) }),
  }),
  intersection: z.object({ a: z.string().min(1) }).and(z.object({ b: z.number().int() })),
  tuple: z.tuple([z.string(), z.number()]),
  record: z.record(z.string(), z.number()),
  date: z.date(),
  nullable: z.string().nullable(),
};

describe("arbitraryFor in valid mode", () => {
  for (const [name, schema] of Object.entries(structural)) {
    it(`produces values the ${name} schema accepts`, () => {
      const rejected = sample(schema, "valid")
        .map(materialize)
        .filter((v) => !schema.safeParse(v).success);
      expect(rejected).toEqual([]);
    });
  }

  it("produces values the project's plain input schemas accept", () => {
    for (const schema of [
      pageSchema,
      workspaceScopedSchema,
      listEventsSchema,
      createEntitySchema,
      createInvitationSchema,
    ]) {
      const values = sample(schema, "valid", 200).map(materialize);
      const accepted = values.filter((v) => schema.safeParse(v).success).length;
      expect(accepted / values.length).toBeGreaterThan(0.9);
    }
  });

  it("fills required keys and sometimes leaves optional ones out", () => {
    const values = sample(structural.object, "valid") as Record<string, unknown>[];
    expect(values.every((v) => "d" in v)).toBe(true);
    expect(values.some((v) => !("a" in v))).toBe(true);
    expect(values.some((v) => v.a !== undefined)).toBe(true);
  });
});

describe("arbitraryFor in mixed mode", () => {
  const strings = () => sample(z.object({ s: z.string().trim().min(1).max(50) }), "mixed", 3000);
  const leaves = (values: unknown[]) => values.map((v) => (v && typeof v === "object" ? (v as { s?: unknown }).s : v));

  it("mixes NUL bytes and lone surrogates into strings, within the length limits", () => {
    const s = leaves(strings()).filter((v): v is string => typeof v === "string");
    expect(s.some((v) => v.includes("\u0000") && v.length <= 50)).toBe(true);
    expect(s.some((v) => /[\uD800-\uDFFF]/u.test(v) && v.length <= 50)).toBe(true);
    expect(s.some((v) => v.includes("\u202E"))).toBe(true);
    expect(s.some((v) => v.includes("<script>"))).toBe(true);
  });

  it("goes past the length limits, up to 10 MB, and tries other types", () => {
    const s = leaves(strings());
    expect(s.some((v) => v instanceof Huge && v.length === TEN_MB)).toBe(true);
    expect(s.some((v) => typeof v === "string" && v.length === 51)).toBe(true);
    expect(s.some((v) => typeof v === "number")).toBe(true);
    expect(s.some((v) => v === null)).toBe(true);
  });

  it("tries numbers at and past every edge", () => {
    const n = sample(z.number().int().min(1).max(100), "mixed", 3000);
    for (const edge of [0, 101, Number.NaN, Infinity, -Infinity, 2 ** 31, 2 ** 53, 2 ** 64, 0.5])
      expect(
        n.some((v) => Object.is(v, edge)),
        `expected ${edge}`,
      ).toBe(true);
    expect(n.some((v) => typeof v === "number" && v >= 1 && v <= 100 && Number.isInteger(v))).toBe(true);
  });

  it("tries arrays one past their longest and objects carrying __proto__", () => {
    const a = sample(z.array(z.number()).max(3), "mixed", 2000);
    expect(a.some((v) => Array.isArray(v) && v.length === 4)).toBe(true);
    const o = sample(z.object({ a: z.number() }), "mixed", 2000);
    expect(o.some((v) => v !== null && typeof v === "object" && Object.hasOwn(v, "__proto__"))).toBe(true);
  });

  it("is repeatable for a given seed", () => {
    const once = fc.stringify(sample(listEventsSchema, "mixed", 50));
    expect(fc.stringify(sample(listEventsSchema, "mixed", 50))).toBe(once);
  });
});

describe("overrides", () => {
  it("replace the valid generator of the keys they claim, with the location passed in", () => {
    const seen: Location[] = [];
    const schema = z.object({ workspaceId: z.string(), items: z.array(z.object({ eventId: z.string() })).min(1) });
    const values = sample(schema, "valid", 50, {
      override: (at) => {
        seen.push(at);
        return at.key?.endsWith("Id") ? fc.constant(`id-of-${at.key}`) : undefined;
      },
    }) as { workspaceId: string; items: { eventId: string }[] }[];
    expect(values.every((v) => v.workspaceId === "id-of-workspaceId")).toBe(true);
    expect(values.every((v) => v.items.every((i) => i.eventId === "id-of-eventId"))).toBe(true);
    expect(seen.some((l) => l.path.join(".") === "items.0.eventId")).toBe(true);
  });
});

describe("Huge and materialize", () => {
  it("print long strings as an expression and build them on demand", () => {
    const h = new Huge("a", 1000, "\u0000");
    expect(fc.stringify({ s: h })).toBe('{"s":"\\u0000" + "a".repeat(999)}');
    const m = materialize({ s: h, list: [h] }) as { s: string; list: string[] };
    expect(m.s).toHaveLength(1000);
    expect(m.s.startsWith("\u0000a")).toBe(true);
    expect(m.list[0]).toBe(m.s);
  });

  it("keep a __proto__ key an own key", () => {
    const input = JSON.parse('{"__proto__": {"isAdmin": true}, "a": 1}') as object;
    const out = materialize(input) as Record<string, unknown>;
    expect(Object.hasOwn(out, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
  });
});

describe("unsupported schemas", () => {
  it("are named with their place in the input rather than skipped", () => {
    const schema = z.object({ outer: z.object({ m: z.map(z.string(), z.string()) }) });
    expect(() => arbitraryFor(schema)).toThrow(UnsupportedSchemaError);
    expect(() => arbitraryFor(schema)).toThrow(/"map" at outer\.m/);
  });
});
