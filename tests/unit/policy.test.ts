import { describe, expect, it } from "vitest";
import {
  can,
  isRole,
  PERMISSIONS,
  ROLES,
  wouldRemoveLastAdmin,
  type Permission,
  type Role,
} from "../../server/policy.ts";

/**
 * The permission table written out independently of server/policy.ts, from the
 * roles as README.md describes them (the table under "Demo accounts", and
 * "Four-eyes review" under "What it does"). Comparing against a copy of
 * PERMISSIONS would test nothing; comparing against this table catches a role
 * slipping into (or out of) a permission.
 */
const EXPECTED: Record<Permission, readonly Role[]> = {
  "workspace.read": ["VIEWER", "ANALYST", "REVIEWER", "ADMIN"],
  "workspace.update": ["ADMIN"],
  "member.read": ["VIEWER", "ANALYST", "REVIEWER", "ADMIN"],
  "member.manage": ["ADMIN"],
  "invitation.manage": ["ADMIN"],
  "audit.read": ["ADMIN"],
  "system.read": ["ADMIN"],
  "event.readPublished": ["VIEWER", "ANALYST", "REVIEWER", "ADMIN"],
  "event.readDrafts": ["ANALYST", "REVIEWER", "ADMIN"],
  "event.create": ["ANALYST", "REVIEWER", "ADMIN"],
  "event.edit": ["ANALYST", "REVIEWER", "ADMIN"],
  "event.delete": ["ANALYST", "REVIEWER", "ADMIN"],
  "trash.manage": ["ADMIN"],
  "source.read": ["VIEWER", "ANALYST", "REVIEWER", "ADMIN"],
  "source.write": ["ANALYST", "REVIEWER", "ADMIN"],
  "citation.write": ["ANALYST", "REVIEWER", "ADMIN"],
  "entity.read": ["VIEWER", "ANALYST", "REVIEWER", "ADMIN"],
  "entity.write": ["ANALYST", "REVIEWER", "ADMIN"],
  "history.read": ["ANALYST", "REVIEWER", "ADMIN"],
  "vote.read": ["VIEWER", "ANALYST", "REVIEWER", "ADMIN"],
  "vote.cast": ["ANALYST", "REVIEWER", "ADMIN"],
  "review.decide": ["REVIEWER", "ADMIN"],
  "briefing.readPublished": ["VIEWER", "ANALYST", "REVIEWER", "ADMIN"],
  "briefing.readDrafts": ["ANALYST", "REVIEWER", "ADMIN"],
  "briefing.write": ["ANALYST", "REVIEWER", "ADMIN"],
  "briefing.comment": ["ANALYST", "REVIEWER", "ADMIN"],
  "import.run": ["ANALYST", "REVIEWER", "ADMIN"],
};

const permissions = Object.keys(PERMISSIONS) as Permission[];

describe("can", () => {
  it("has an expectation for every permission in the policy (a new permission needs a decision here)", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...permissions].sort());
  });

  const cases = permissions.flatMap((permission) =>
    ROLES.map((role) => ({ permission, role, allowed: (EXPECTED[permission] ?? []).includes(role) })),
  );
  it.each(cases)("$role / $permission → $allowed", ({ permission, role, allowed }) => {
    expect(can(role, permission)).toBe(allowed);
  });

  it.each(permissions)("nobody without a role gets %s", (permission) => {
    expect(can(null, permission)).toBe(false);
    expect(can(undefined, permission)).toBe(false);
    // A value from an untyped source (e.g. an old token) must not pass either.
    expect(can("OWNER" as Role, permission)).toBe(false);
    expect(can("admin" as Role, permission)).toBe(false);
  });

  it("roles are cumulative: each role can do everything the role below it can", () => {
    for (let i = 1; i < ROLES.length; i++) {
      for (const permission of permissions) {
        if (can(ROLES[i - 1], permission)) expect(can(ROLES[i], permission), `${ROLES[i]} ${permission}`).toBe(true);
      }
    }
  });
});

describe("wouldRemoveLastAdmin", () => {
  const base = { currentRole: "ADMIN", currentlyActive: true, nextRole: "ADMIN", nextActive: true } as const;

  it.each([
    {
      name: "demoting the only active admin",
      args: { ...base, nextRole: "REVIEWER", activeAdminCount: 1 },
      expected: true,
    },
    {
      name: "deactivating the only active admin",
      args: { ...base, nextActive: false, activeAdminCount: 1 },
      expected: true,
    },
    {
      name: "demoting and deactivating the only admin",
      args: { ...base, nextRole: "VIEWER", nextActive: false, activeAdminCount: 1 },
      expected: true,
    },
    // The count is read before the change; 0 would be inconsistent data, and must not let the change through.
    {
      name: "demoting an admin when the count says none are left",
      args: { ...base, nextRole: "ANALYST", activeAdminCount: 0 },
      expected: true,
    },
    {
      name: "demoting one of two admins",
      args: { ...base, nextRole: "ANALYST", activeAdminCount: 2 },
      expected: false,
    },
    {
      name: "deactivating one of three admins",
      args: { ...base, nextActive: false, activeAdminCount: 3 },
      expected: false,
    },
    { name: "keeping the only admin an admin", args: { ...base, activeAdminCount: 1 }, expected: false },
    {
      name: "changing a non-admin's role",
      args: { ...base, currentRole: "ANALYST", nextRole: "VIEWER", activeAdminCount: 1 },
      expected: false,
    },
    {
      name: "deactivating a non-admin",
      args: { ...base, currentRole: "VIEWER", nextRole: "VIEWER", nextActive: false, activeAdminCount: 1 },
      expected: false,
    },
    {
      name: "promoting someone to admin",
      args: { ...base, currentRole: "REVIEWER", activeAdminCount: 1 },
      expected: false,
    },
    // An inactive admin is not one of the active admins being counted.
    {
      name: "demoting an already inactive admin",
      args: { ...base, currentlyActive: false, nextRole: "VIEWER", nextActive: false, activeAdminCount: 1 },
      expected: false,
    },
    {
      name: "reactivating an inactive admin",
      args: { ...base, currentlyActive: false, activeAdminCount: 1 },
      expected: false,
    },
  ] as const)("$name → $expected", ({ args, expected }) => {
    expect(wouldRemoveLastAdmin(args)).toBe(expected);
  });
});

describe("isRole", () => {
  it.each(ROLES)("accepts %s", (role) => {
    expect(isRole(role)).toBe(true);
  });

  it.each([["admin"], ["Admin"], ["OWNER"], [""], [" ADMIN"], [null], [undefined], [1], [{}], [["ADMIN"]]])(
    "rejects %j",
    (value) => {
      expect(isRole(value)).toBe(false);
    },
  );

  it("knows exactly the four roles of the domain, lowest first", () => {
    expect(ROLES).toEqual(["VIEWER", "ANALYST", "REVIEWER", "ADMIN"]);
  });
});
