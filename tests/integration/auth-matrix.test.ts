import { randomBytes } from "node:crypto";
import { TRPCError, type inferRouterInputs } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { appRouter, type AppRouter } from "../../server/root.ts";
import { anonymousCaller, callerFor } from "../helpers/caller.ts";
import { makeTeam, TEST_PASSWORD } from "../helpers/factories.ts";

/**
 * Who may call what. Every procedure of the app router must have a row here:
 * a new procedure without one fails the first test, so nobody ships an
 * endpoint whose access rules were never written down.
 *
 * Each case builds its own fixture (a team in a fresh workspace, an outsider
 * who is admin of *another* workspace, one open invitation), so mutations in
 * one case cannot change the outcome of another.
 */
type Inputs = inferRouterInputs<AppRouter>;
type ProcedurePath = { [N in keyof Inputs & string]: `${N}.${keyof Inputs[N] & string}` }[keyof Inputs & string];
type InputOf<P> = P extends `${infer N extends keyof Inputs & string}.${infer M}`
  ? M extends keyof Inputs[N]
    ? Inputs[N][M]
    : never
  : never;

const CALLERS = ["anonymous", "nonMember", "viewer", "analyst", "reviewer", "admin"] as const;
type CallerKind = (typeof CALLERS)[number];
type Outcome = "ok" | "UNAUTHORIZED" | "NOT_FOUND" | "FORBIDDEN" | "CONFLICT";

async function fixture() {
  const team = await makeTeam();
  const admin = (await callerFor(team.users.admin.id)).caller;
  const invitation = await admin.invitation.create({ workspaceId: team.workspace.id, role: "ANALYST" });
  const callers = {
    anonymous: await anonymousCaller(),
    nonMember: (await callerFor(team.users.outsider.id)).caller,
    viewer: (await callerFor(team.users.viewer.id)).caller,
    analyst: (await callerFor(team.users.analyst.id)).caller,
    reviewer: (await callerFor(team.users.reviewer.id)).caller,
    admin,
  } satisfies Record<CallerKind, unknown>;
  return { ...team, invitation, callers };
}
type Fixture = Awaited<ReturnType<typeof fixture>>;

type Row<P extends ProcedurePath> = { input: (fx: Fixture) => InputOf<P> } & Record<CallerKind, Outcome>;

// Column order everywhere: anonymous, nonMember, viewer, analyst, reviewer, admin.
const signedIn = (o: Outcome = "ok") => ({ anonymous: "UNAUTHORIZED", nonMember: o, viewer: o, analyst: o, reviewer: o, admin: o }) as const;
const anyMember = { anonymous: "UNAUTHORIZED", nonMember: "NOT_FOUND", viewer: "ok", analyst: "ok", reviewer: "ok", admin: "ok" } as const;
const adminOnly = { anonymous: "UNAUTHORIZED", nonMember: "NOT_FOUND", viewer: "FORBIDDEN", analyst: "FORBIDDEN", reviewer: "FORBIDDEN", admin: "ok" } as const;
const contributors = { anonymous: "UNAUTHORIZED", nonMember: "NOT_FOUND", viewer: "FORBIDDEN", analyst: "ok", reviewer: "ok", admin: "ok" } as const;
const everyone = { anonymous: "ok", nonMember: "ok", viewer: "ok", analyst: "ok", reviewer: "ok", admin: "ok" } as const;

const newPassword = "a brand new password 42";

const MATRIX: { [P in ProcedurePath]: Row<P> } = {
  "me.get": { input: () => undefined, ...signedIn() },
  "me.updateProfile": { input: () => ({ name: "Renamed" }), ...signedIn() },
  "me.changePassword": {
    input: () => ({ currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword }),
    ...signedIn(),
  },

  "workspace.list": { input: () => undefined, ...signedIn() },
  // Anyone signed in may start a workspace of their own.
  "workspace.create": { input: () => ({ name: "A new dossier", description: "" }), ...signedIn() },
  "workspace.bySlug": { input: (fx) => ({ slug: fx.workspace.slug }), ...anyMember },
  "workspace.update": { input: (fx) => ({ workspaceId: fx.workspace.id, name: "Renamed dossier", description: "" }), ...adminOnly },

  "member.list": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...anyMember },
  "member.changeRole": {
    input: (fx) => ({ membershipId: fx.memberships.analyst.id, role: "REVIEWER", version: fx.memberships.analyst.version }),
    ...adminOnly,
  },
  "member.setActive": {
    input: (fx) => ({ membershipId: fx.memberships.viewer.id, active: false, version: fx.memberships.viewer.version }),
    ...adminOnly,
  },

  "invitation.list": { input: (fx) => ({ workspaceId: fx.workspace.id }), ...adminOnly },
  "invitation.create": { input: (fx) => ({ workspaceId: fx.workspace.id, role: "VIEWER" }), ...adminOnly },
  "invitation.revoke": { input: (fx) => ({ invitationId: fx.invitation.id }), ...adminOnly },
  // The token is the credential: whoever holds the link may see what it offers.
  "invitation.preview": { input: (fx) => ({ token: fx.invitation.token }), ...everyone },
  // Members already belong to the workspace; only the outsider can join with it.
  "invitation.accept": { input: (fx) => ({ token: fx.invitation.token }), ...signedIn("CONFLICT"), nonMember: "ok" },
  // Creates a new account; a session on the request plays no part.
  "invitation.acceptAsNewUser": {
    input: (fx) => ({
      token: fx.invitation.token,
      name: "New Person",
      email: `new-${randomBytes(4).toString("hex")}@example.org`,
      password: newPassword,
    }),
    ...everyone,
  },

  "audit.list": { input: (fx) => ({ workspaceId: fx.workspace.id, limit: 10 }), ...adminOnly },

  "event.list": { input: (fx) => ({ workspaceId: fx.workspace.id, limit: 10 }), ...anyMember },
  "event.create": { input: (fx) => ({ workspaceId: fx.workspace.id, title: "Delegation visits Tehran", summary: "", date: { start: { year: 2015, month: 5 } } }), ...contributors },
};

type AnyCaller = Fixture["callers"][CallerKind];

function invoke(caller: AnyCaller, path: string, input: unknown): Promise<unknown> {
  // The caller is a proxy keyed by path segments, exactly like the HTTP client.
  const fn = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (
    input?: unknown,
  ) => Promise<unknown>;
  return input === undefined ? fn() : fn(input);
}

const rows = Object.entries(MATRIX) as [ProcedurePath, Row<ProcedurePath>][];

describe("authorization matrix", () => {
  it("has a row for every procedure of the app router, and no rows for procedures that do not exist", () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(procedures.length).toBeGreaterThan(0);
    expect(Object.keys(MATRIX).sort()).toEqual(procedures);
  });

  it("never lets a non-member tell a forbidden workspace from a missing one", () => {
    // Wherever a member can be FORBIDDEN, the same procedure is workspace-scoped,
    // and an outsider must learn nothing: NOT_FOUND, never FORBIDDEN.
    for (const [path, row] of rows) {
      expect(row.nonMember, path).not.toBe("FORBIDDEN");
      if (CALLERS.some((c) => row[c] === "FORBIDDEN")) expect(row.nonMember, path).toBe("NOT_FOUND");
    }
  });

  const cases = rows.flatMap(([path, row]) => CALLERS.map((who) => ({ path, who, expected: row[who], row })));

  it.each(cases)("$path as $who → $expected", async ({ path, who, expected, row }) => {
    const fx = await fixture();
    const call = invoke(fx.callers[who], path, row.input(fx));
    if (expected === "ok") {
      await expect(call).resolves.not.toBeInstanceOf(Error);
    } else {
      const err = await call.then(
        () => null,
        (e: unknown) => e,
      );
      expect(err, `${path} as ${who} should be refused`).toBeInstanceOf(TRPCError);
      expect(err).toMatchObject({ code: expected });
    }
  });
});
