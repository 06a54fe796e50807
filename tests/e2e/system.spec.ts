import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { errorCodeOf, expect, test } from "./fixtures";
import { SystemPage } from "./pages/system-page";
import { WorkspaceHomePage } from "./pages/workspace-home-page";

/** `npm run db:backup` beside the running app, on its embedded database (playwright.config.ts: .data/e2e). */
function backupBesideTheApp(out: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DOSSIER_DATA_DIR: path.resolve(".data/e2e") };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ["--import", "tsx", "server/cli/backup.ts", "--out", out], { env });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

test("an admin sees the last backup and its size, the database and the health of each part", async ({
  page,
  workspace,
  signIn,
}) => {
  test.setTimeout(180_000);
  const dir = await mkdtemp(path.join(os.tmpdir(), "dossier-e2e-backup-"));
  try {
    const backup = await backupBesideTheApp(path.join(dir, "now"));
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toMatch(/served by the running app/);

    await signIn(page, "admin");
    const system = new SystemPage(page, workspace.slug);
    await system.goto();
    await expect(system.fact("Last backup")).toContainText(/\d+(\.\d)? (KB|MB)/);
    await expect(system.fact("Last successful")).toContainText(/rows/);
    await expect(system.fact("Size")).toContainText(/\d+(\.\d)? MB/);
    await expect(system.fact("Migrations applied")).toHaveText(/^\d+$/);
    await expect(system.fact("PostgreSQL")).toHaveText(/^\d+\.\d+/);
    await expect(system.health("Backups")).toContainText("OK");
    await expect(system.health("Backups")).toContainText(/Last backup (just now|\d+ minutes? ago)/);
    await expect(system.health("Schema migrations")).toContainText("OK");
    await expect(system.health("Job queue")).toBeVisible();
    await expect(system.health("Database")).toBeVisible();

    // The header's tab leads there.
    await expect(await system.shell.tab("System")).toBeVisible();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("a reviewer or viewer gets neither the tab, the page nor the figures behind it", async ({
  page,
  workspace,
  signIn,
  api,
}) => {
  for (const role of ["reviewer", "viewer"] as const) {
    expect(await errorCodeOf(api(role).system.status.query({ workspaceId: workspace.id }))).toBe("FORBIDDEN");
    await signIn(page, role);
    const home = new WorkspaceHomePage(page, workspace.slug);
    await home.goto();
    await expect(await home.shell.tab("Chronology")).toBeVisible();
    await expect(await home.shell.tab("System")).toHaveCount(0);
    const system = new SystemPage(page, workspace.slug);
    await system.gotoRefused();
    await expect(system.refusal()).toBeVisible();
    await expect(page.getByText("Last backup")).toHaveCount(0);
  }
});
