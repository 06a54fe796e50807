import { describe, expect, it } from "vitest";
import { DomainError } from "../../server/errors.ts";
import { isTransientError } from "../../server/lib/transient-error.ts";

describe("isTransientError", () => {
  it("tries again when the database is away or busy", () => {
    expect(
      isTransientError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
    ).toBe(true);
    expect(
      isTransientError(
        Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
      ),
    ).toBe(true);
    expect(isTransientError(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isTransientError(Object.assign(new Error("deadlock detected"), { code: "40P01" }))).toBe(true);
    // Prisma's driver adapter keeps pg's error under meta.
    expect(
      isTransientError({
        code: "P2039",
        message: "",
        meta: {
          driverAdapterError: {
            cause: { code: "55000", message: 'database "x" is not currently accepting connections' },
          },
        },
      }),
    ).toBe(true);
    expect(isTransientError(new Error("outer", { cause: { code: "P1017" } }))).toBe(true);
  });

  it("does not retry what would fail the same way again", () => {
    expect(isTransientError(new DomainError("NOT_FOUND", "A source of this import was deleted"))).toBe(false);
    expect(isTransientError(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isTransientError(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isTransientError(null)).toBe(false);
  });
});
