/**
 * # Writing an end-to-end spec
 *
 * Import `test` and `expect` from this file instead of `@playwright/test`. Every
 * test then gets a workspace of its own, made through the app's API moments
 * before it starts, with one fresh account per role:
 *
 * ```ts
 * import { expect, test } from "./fixtures";
 * import { ChronologyPage } from "./pages/chronology-page";
 *
 * test("a viewer reads the published chronology", async ({ page, workspace, signIn, api, users }) => {
 *   const analyst = api("analyst");
 *   const event = await analyst.event.create.mutate({ workspaceId: workspace.id, title: "…", date: { start: { year: 2011 } } });
 *   await publishEvent(api, event.id);            // support/data.ts: submit as analyst, approve as reviewer
 *   await signIn(page, "viewer");                 // cookies only, no form: fast
 *   const chronology = new ChronologyPage(page, workspace.slug);
 *   await chronology.goto();                      // page objects check the screen loaded, then run axe
 *   await expect(chronology.event("…")).toBeVisible();
 * });
 * ```
 *
 * Fixtures (all per test; nothing is shared between tests or workers):
 * - `workspace: { id, slug, name }` — empty, its only members are `users`.
 * - `users: { admin, reviewer, analyst, analyst2, viewer }`, each
 *   `{ role, name, email, password }`; `admin` created the workspace.
 * - `signIn(page, role)` puts that user's session cookies into the page's
 *   browser context (replacing any other session). Sessions are made over HTTP
 *   once per user and reused.
 * - `pageAs(role)` opens a new browser context signed in as that user and
 *   returns its page, for stories with several people at once. Closed after the test.
 * - `api(role)` is a typed tRPC client (superjson over fetch) acting as that
 *   user, to prepare data through the real procedures: `api("analyst").source.create.mutate({…})`.
 *   `api(null)` calls public procedures without a session.
 * - `expectAccessible(page)` runs axe (support/a11y.ts); page objects call it
 *   from `expectLoaded()`, so a spec rarely needs it directly.
 *
 * Helpers: `errorCodeOf(promise)` gives a refused call's tRPC code ("FORBIDDEN"…);
 * support/data.ts has factories over the API (`createEvent`, `createPublishedEvent`,
 * `publishEvent`, `createSource`, `cite`, `createChronology` for a lifelike
 * workspace, `readFixture`/`fixturePath`); support/layout.ts has
 * `expectNoHorizontalOverflow(page)`. Page objects live in pages/, one per
 * screen; each has `goto(…)` and `expectLoaded(…)`, and `shell` for the header
 * (tabs, search, bell, sign-out — it opens the phone menu when needed).
 *
 * Option: `test.use({ workspaceName: "Kabul desk" })` sets the workspace's name
 * (a unique suffix is added so parallel tests never collide).
 *
 * How the team is made: the demo admin (the web server starts with the demo
 * seed) is only a bootstrap. Once per worker it opens a private "lobby"
 * workspace; per test it invites one newcomer there, who accepts as a new user,
 * creates the test's workspace (becoming its admin), and invites the other four,
 * who accept as new users too. The newcomer then leaves the lobby, so every
 * account sees exactly one workspace. Specs never touch the demo workspace,
 * and never rely on another spec's leftovers.
 *
 * What it costs, and why accounts are not shared: a team is about twenty
 * requests (ten of them hash or check a password), a few seconds on a busy
 * two-core machine. It is made while the previous test runs (`teams.take`
 * starts the next one), so a test waits for its team only when it is the
 * first of its worker; the `workspace` annotation of each test in the report
 * says how long its team took and how long the test waited. Accounts shared
 * between tests would save little and would leak between stories: the bell
 * counts a user's notifications across all their workspaces, the workspace
 * list would grow, and several specs change the account itself (password,
 * profile, role, deactivation). Sessions come from next-auth's credentials
 * callback over HTTP (support/session.ts), never from the form, except where
 * signing in is part of the story (they drive SignInPage). Most of a test's time is the
 * browser and the server rendering the story; keep data preparation in `api`
 * calls, not clicks, unless the clicks are the story.
 *
 * Data files for specs live in tests/fixtures/e2e/ (written for the tests).
 * Run: `E2E_PORT=3307 npx playwright test [file] [--project desktop|phone]`;
 * `E2E_REUSE_SERVER=1` reuses an app already listening on that port.
 */
import { test as base, expect, type Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y";
import { BASE_URL } from "./support/env";
import { apiClient, type Api } from "./support/session";
import { teamMaker, type RoleKey, type Team, type TestUser, type TestWorkspace } from "./support/team";

export { expect, expectAccessible };
export { errorCodeOf } from "./support/session";
export { ROLE_KEYS, WORKSPACE_ROLE } from "./support/team";
export type { Api, RoleKey, Team, TestUser, TestWorkspace };

type WorkerFixtures = { teams: Awaited<ReturnType<typeof teamMaker>> };
type TestFixtures = {
  workspaceName: string;
  team: Team;
  workspace: TestWorkspace;
  users: Record<RoleKey, TestUser>;
  signIn: (page: Page, role: RoleKey) => Promise<void>;
  pageAs: (role: RoleKey) => Promise<Page>;
  api: (role: RoleKey | null) => Api;
  expectAccessible: typeof expectAccessible;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  teams: [
    // Playwright reads the fixtures a function needs from its first parameter's pattern: none here.
    // eslint-disable-next-line no-empty-pattern
    async ({}, provide, workerInfo) => {
      const teams = await teamMaker(BASE_URL, workerInfo.workerIndex);
      await provide(teams);
      await teams.drain();
    },
    { scope: "worker" },
  ],

  workspaceName: ["E2E workspace", { option: true }],

  team: async ({ teams, workspaceName }, provide, testInfo) => {
    const asked = performance.now();
    const team = await teams.take(workspaceName);
    testInfo.annotations.push({
      type: "workspace",
      description: `${team.workspace.slug}: made in ${team.madeInMs} ms, waited ${Math.round(performance.now() - asked)} ms`,
    });
    if (team.retriedAfter)
      testInfo.annotations.push({
        type: "workspace retried",
        description: `first attempt failed: ${team.retriedAfter}`,
      });
    await provide(team);
  },

  workspace: async ({ team }, provide) => provide(team.workspace),
  users: async ({ team }, provide) => provide(team.users),

  signIn: async ({ team }, provide) => {
    await provide(async (page, role) => {
      const context = page.context();
      await context.clearCookies();
      await context.addCookies(team.sessions[role].cookies);
    });
  },

  pageAs: async ({ browser, team }, provide) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await provide(async (role) => {
      // Under the test runner a new context inherits the project's options (base URL, viewport…).
      const context = await browser.newContext({ storageState: { cookies: team.sessions[role].cookies, origins: [] } });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },

  api: async ({ team }, provide) => {
    const clients = new Map<RoleKey | null, Api>();
    await provide((role) => {
      let c = clients.get(role);
      if (!c) {
        const session = role ? team.sessions[role] : null;
        c = apiClient(BASE_URL, session ? async () => session : undefined);
        clients.set(role, c);
      }
      return c;
    });
  },

  // eslint-disable-next-line no-empty-pattern
  expectAccessible: async ({}, provide) => provide(expectAccessible),
});
