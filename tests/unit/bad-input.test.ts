import { describe, expect, it } from "vitest";
import { DomainError, fromPrismaError } from "../../server/errors.ts";
import { decodeBigInt, decodeCursor, decodeDate, decodeInt, encodeCursor } from "../../server/lib/cursor.ts";
import { idSchema, isStorableText, pageSchema, text, versionSchema } from "../../server/schemas/common.ts";

describe("storable text", () => {
  it("refuses NUL and unpaired surrogates, and nothing else", () => {
    for (const bad of ["\u0000", "a\u0000b", "\uD800", "\uDC00", "x\uDBFFy", "\uDC00\uD800", "😀".slice(0, 1)])
      expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ["", "مشهد", "😀", "👩‍👩‍👧", "\u202Eabc", "\uFFFF", "\u0001", "<script>"])
      expect(isStorableText(good), JSON.stringify(good)).toBe(true);
  });

  it("says so in words next to the field", () => {
    const r = text().safeParse("a\u0000b");
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe("That text contains characters that cannot be stored.");
  });

  it("keeps ids to letters, digits, - and _", () => {
    expect(idSchema.safeParse("cmxbfymqp000i4z7dasak1wd1").success).toBe(true);
    expect(idSchema.safeParse(" demo_1-a ").data).toBe("demo_1-a");
    for (const bad of ["' OR 1=1", "a/b", "%", "a\u0000b", "", "a".repeat(65)])
      expect(idSchema.safeParse(bad).success, bad).toBe(false);
  });

  it("keeps versions within an integer column and cursors to base64url", () => {
    expect(versionSchema.safeParse(2 ** 31 - 1).success).toBe(true);
    expect(versionSchema.safeParse(2 ** 31).success).toBe(false);
    expect(pageSchema.safeParse({ cursor: "!!" }).success).toBe(false);
    expect(pageSchema.safeParse({ cursor: encodeCursor([new Date(0), "x"]) }).success).toBe(true);
  });
});

describe("cursor decoding", () => {
  const bad = (f: () => unknown) => expect(f).toThrow(expect.objectContaining({ code: "BAD_REQUEST" }));

  it("reads back what it wrote", () => {
    const at = new Date("2011-03-14T10:00:00.000Z");
    const [d, id] = decodeCursor(encodeCursor([at, "abc"]), 2);
    expect(decodeDate(d!).getTime()).toBe(at.getTime());
    expect(id).toBe("abc");
    expect(decodeDate("0001-01-01T00:00:00.000Z").getUTCFullYear()).toBe(1);
  });

  it("refuses dates outside years 1–9999 or not written as it writes them", () => {
    for (const v of [
      "0000-12-31T23:59:59.999Z",
      new Date(-8.64e15).toISOString(),
      new Date(8.64e15).toISOString(),
      "2020-02-30T00:00:00.000Z",
      "2020",
      "1",
      "NaN",
    ])
      bad(() => decodeDate(v));
  });

  it("refuses numbers past the columns they are compared with", () => {
    expect(decodeBigInt("9223372036854775807")).toBe(9223372036854775807n);
    bad(() => decodeBigInt("9223372036854775808"));
    bad(() => decodeBigInt("-1"));
    expect(decodeInt("2147483647")).toBe(2147483647);
    bad(() => decodeInt("2147483648"));
    bad(() => decodeInt("1e3"));
  });

  it("refuses what is not base64url, not UTF-8, or not its own encoding", () => {
    bad(() => decodeCursor("%00", 1));
    bad(() => decodeCursor(Buffer.from([0xff, 0xfe]).toString("base64url"), 1));
    // "YWI" is how "ab" is written; "YWJ" decodes to the same bytes through stray low bits.
    expect(decodeCursor(encodeCursor(["ab"]), 1)).toEqual(["ab"]);
    bad(() => decodeCursor("YWJ", 1));
    bad(() => decodeCursor(encodeCursor(["a", "b"]), 1));
  });
});

describe("database errors that only the value sent can cause", () => {
  // The shapes Prisma's driver adapter and pg produce, as seen from the database.
  const adapter = (code: string, originalCode: string) => ({
    code,
    meta: { driverAdapterError: { cause: { originalCode } } },
  });

  it("become bad requests with a message a person can act on", () => {
    const cases: [unknown, RegExp][] = [
      [adapter("P2039", "22021"), /cannot be stored/],
      [adapter("P2010", "22021"), /cannot be stored/],
      [adapter("P2020", "22003"), /outside the range/],
      [adapter("P2039", "22009"), /outside the range/],
      [adapter("P2039", "22008"), /outside the range/],
      [adapter("P2010", "54000"), /too long/],
      [adapter("P2000", "22001"), /too long/],
      [{ code: "22021", severity: "ERROR", message: "invalid byte sequence" }, /cannot be stored/],
    ];
    for (const [err, message] of cases) {
      const mapped = fromPrismaError(err);
      expect(mapped).toBeInstanceOf(DomainError);
      expect(mapped?.code).toBe("BAD_REQUEST");
      expect(mapped?.message).toMatch(message);
    }
  });

  it("leave every other database error a server error", () => {
    expect(fromPrismaError(adapter("P2039", "57P01"))).toBeNull();
    expect(fromPrismaError(adapter("P2010", "42601"))).toBeNull();
    expect(fromPrismaError({ code: "ECONNREFUSED" })).toBeNull();
    expect(fromPrismaError(new Error("boom"))).toBeNull();
  });
});
