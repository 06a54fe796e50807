import { randomBytes } from "node:crypto";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../../../prisma/seed/accounts";
import { TRPCClientError } from "@trpc/client";
import { apiClient, signInOverHttp, type Api, type Session } from "./session";

export const ROLE_KEYS = ["admin", "reviewer", "analyst", "analyst2", "viewer"] as const;
/** A member of the test workspace, by the part they play in the story. */
export type RoleKey = (typeof ROLE_KEYS)[number];
/** The role each member holds in the workspace, as the API names it. */
export const WORKSPACE_ROLE = {
  admin: "ADMIN",
  reviewer: "REVIEWER",
  analyst: "ANALYST",
  analyst2: "ANALYST",
  viewer: "VIEWER",
} as const satisfies Record<RoleKey, string>;
const NAMES: Record<RoleKey, string> = {
  admin: "Ada Admin",
  reviewer: "Rui Reviewer",
  analyst: "Ana Analyst",
  analyst2: "Bo Analyst",
  viewer: "Vic Viewer",
};

export type TestUser = {
  role: RoleKey;
  workspaceRole: (typeof WORKSPACE_ROLE)[RoleKey];
  name: string;
  email: string;
  password: string;
};
export type TestWorkspace = { id: string; slug: string; name: string };
export type Team = {
  workspace: TestWorkspace;
  users: Record<RoleKey, TestUser>;
  /** Each user signed in once over HTTP; the browser and the API reuse these. */
  sessions: Record<RoleKey, Session>;
  /** How long making the team took, in ms. */
  madeInMs: number;
  /** Why the first attempt failed, when a second one was needed. */
  retriedAfter?: string;
};

/** Unique within a run and across runs on the same database. */
export const unique = () => `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
/** Long enough for the password rule; random so no test can sign in as another's user by accident. */
const password = () => `pw-${randomBytes(9).toString("base64url")}`;

/**
 * Makes teams for one worker through the app's public API. The demo admin is
 * only a bootstrap: it opens a private lobby workspace once, and per team
 * invites one newcomer there, who accepts as a new user, founds the team's
 * workspace and invites the other four. The newcomer then leaves the lobby.
 */
export async function teamMaker(baseURL: string, workerIndex: number) {
  const demoAdmin = DEMO_ACCOUNTS.find((a) => a.role === "ADMIN")!;
  const bootstrapSession = await signInOverHttp(baseURL, demoAdmin.email, DEMO_PASSWORD);
  const bootstrap: Api = apiClient(baseURL, async () => bootstrapSession);
  const anonymous = apiClient(baseURL);
  const lobby = await bootstrap.workspace.create.mutate({
    name: `E2E lobby ${workerIndex} ${unique()}`,
    description: "Where the first account of each end-to-end test joins before founding its own workspace.",
  });

  async function make(workspaceName: string): Promise<Team> {
    const started = performance.now();
    const id = unique();
    const users = Object.fromEntries(
      ROLE_KEYS.map((role) => [
        role,
        {
          role,
          workspaceRole: WORKSPACE_ROLE[role],
          name: NAMES[role],
          email: `${role}.${id}@e2e.example`,
          password: password(),
        },
      ]),
    ) as Record<RoleKey, TestUser>;
    const join = async (token: string, u: TestUser) => {
      await anonymous.invitation.acceptAsNewUser.mutate({ token, name: u.name, email: u.email, password: u.password });
      return signInOverHttp(baseURL, u.email, u.password);
    };

    const lobbyInvite = await bootstrap.invitation.create.mutate({ workspaceId: lobby.id, role: "VIEWER" });
    const adminSession = await join(lobbyInvite.token, users.admin);
    const admin = apiClient(baseURL, async () => adminSession);
    const created = await admin.workspace.create.mutate({ name: `${workspaceName} ${id}` });

    const others = ROLE_KEYS.filter((r) => r !== "admin");
    const [sessions] = await Promise.all([
      Promise.all(
        others.map(async (role) => {
          const invite = await admin.invitation.create.mutate({ workspaceId: created.id, role: WORKSPACE_ROLE[role] });
          return [role, await join(invite.token, users[role])] as const;
        }),
      ),
      (async () => {
        // Leave the lobby, so the account's workspace list holds the team's workspace only.
        const members = await bootstrap.member.list.query({ workspaceId: lobby.id });
        const m = members.find((x) => x.email === users.admin.email)!;
        await bootstrap.member.setActive.mutate({ membershipId: m.membershipId, active: false, version: m.version });
      })(),
    ]);
    return {
      workspace: { id: created.id, slug: created.slug, name: created.name },
      users,
      sessions: { admin: adminSession, ...Object.fromEntries(sessions) } as Record<RoleKey, Session>,
      madeInMs: Math.round(performance.now() - started),
    };
  }

  /**
   * A second attempt when the server failed (5xx): on a machine under heavy
   * load a request can time out waiting for a database connection. A team
   * half made is simply left behind; nothing else refers to it.
   */
  async function makeOrRetry(name: string): Promise<Team> {
    try {
      return await make(name);
    } catch (err) {
      const status = err instanceof TRPCClientError ? (err.data as { httpStatus?: number } | undefined)?.httpStatus : 0;
      const serverSide = (status ?? 0) >= 500;
      if (!serverSide) throw err;
      await new Promise((r) => setTimeout(r, 1000));
      return { ...(await make(name)), retriedAfter: (err as Error).message };
    }
  }

  // One team is made ahead while a test runs, so the next test rarely waits for its own.
  let ahead: { name: string; team: Promise<Team> } | null = null;
  const makeAhead = (name: string) => {
    const team = makeOrRetry(name);
    team.catch(() => {}); // a failure surfaces when the team is taken
    ahead = { name, team };
  };

  return {
    /** A fresh team for one test; starts making the next one with the same workspace name. */
    take(workspaceName: string): Promise<Team> {
      const mine: Promise<Team> = ahead?.name === workspaceName ? ahead.team : makeOrRetry(workspaceName);
      makeAhead(workspaceName);
      return mine;
    },
    /** Waits for a team still being made, so the worker does not stop mid-request. */
    async drain() {
      await ahead?.team.catch(() => {});
    },
  };
}
