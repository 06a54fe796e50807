import type { Page, WebSocketRoute } from "@playwright/test";
import { expect, test } from "./fixtures";
import { BriefingEditorPage } from "./pages/briefing-editor-page";

/**
 * Two analysts write one briefing's body at the same time, each in a browser
 * of their own: they see each other (names beside the cursors, the presence
 * line), every keystroke of both ends in one text on both screens and on the
 * server, typing while offline merges on reconnect, and an author whose role
 * is lowered to viewer has the body closed in front of them.
 */

/** The page's live-editing socket through a switch: off drops it and refuses reconnects, as a lost network does. */
async function networkSwitch(page: Page) {
  let online = true;
  const open: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
  await page.routeWebSocket(/\/api\/collab/, (ws) => {
    if (!online) return void ws.close({ code: 1006 });
    open.push({ page: ws, server: ws.connectToServer() });
  });
  return {
    async off() {
      online = false;
      for (const c of open.splice(0)) {
        await c.server.close();
        await c.page.close({ code: 1006 });
      }
    },
    on: () => void (online = true),
  };
}

test("two analysts type into one briefing at once, see each other, lose nothing, offline or not; a demoted author's body closes", async ({
  workspace,
  pageAs,
  api,
  users,
}) => {
  const analyst = api("analyst");
  const b = await analyst.briefing.create.mutate({ workspaceId: workspace.id, title: "Crossings this spring" });
  await analyst.briefing.update.mutate({ id: b.id, version: b.version, body: "Opening line." });
  const saved = async () => (await analyst.briefing.get.query({ id: b.id })).working?.body;

  const anaPage = await pageAs("analyst");
  const benPage = await pageAs("analyst2");
  const network = await networkSwitch(benPage);
  const ana = new BriefingEditorPage(anaPage, workspace.slug);
  const ben = new BriefingEditorPage(benPage, workspace.slug);
  await ana.goto(b.id);
  await ben.goto(b.id);

  // Each sees the other: the presence line, the count, and the other's name at their cursor once they type.
  await expect(ana.presence()).toContainText(`${users.analyst2.name} is editing this briefing.`);
  await expect(ana.liveStatus()).toContainText("1 co-author here");
  await expect(ben.liveStatus()).toContainText("1 co-author here");

  // Both type at the end at once, keystroke by keystroke.
  for (const e of [ana, ben]) {
    await e.body().click();
    await e.page.keyboard.press("Control+End");
  }
  const anaWords = " Alpha convoy crossed at dawn.";
  const benWords = " Bravo patrol reported calm.";
  await Promise.all([
    ana.body().pressSequentially(anaWords, { delay: 25 }),
    ben.body().pressSequentially(benWords, { delay: 25 }),
  ]);
  await expect(ben.cursorLabels().filter({ hasText: users.analyst.name })).toBeVisible();
  await expect.poll(() => ana.markdown()).toContain(anaWords);
  await expect.poll(() => ana.markdown()).toContain(benWords);
  await expect.poll(async () => (await ana.markdown()) === (await ben.markdown())).toBe(true);
  expect(await ana.markdown()).toMatch(/^Opening line\./);
  await ana.waitUntilBodySaved(saved);

  // Ben loses the network and keeps typing; Ana types meanwhile; on reconnect both texts merge.
  await network.off();
  await expect(ben.liveStatus()).toContainText("Offline");
  await ben.page.keyboard.press("Control+End");
  await ben.page.keyboard.type(" Written offline.");
  await ana.page.keyboard.press("Control+Home");
  await ana.page.keyboard.type("Summary first. ");
  await expect.poll(saved).toMatch(/^Summary first\. /);
  expect(await saved()).not.toContain("Written offline.");
  network.on();
  await expect(ben.liveStatus()).toContainText("Live", { timeout: 30_000 });
  await expect.poll(() => ben.markdown()).toMatch(/^Summary first\. Opening line\./);
  await expect.poll(() => ana.markdown()).toContain("Written offline.");
  await expect.poll(saved).toBe(await ana.markdown());

  // Ben is made a viewer: his body closes in front of him, without a reload, and stays as it was.
  const admin = api("admin");
  const member = (await admin.member.list.query({ workspaceId: workspace.id })).find(
    (m) => m.email === users.analyst2.email,
  )!;
  await admin.member.changeRole.mutate({ membershipId: member.membershipId, role: "VIEWER", version: member.version });
  await expect(ben.liveStatus()).toHaveText("Body read-only");
  await expect(ben.page.getByText(/The body is read-only now/)).toBeVisible();
  await expect(ben.body()).toHaveAttribute("contenteditable", "false");
  // Ana goes on alone, and nothing reaches Ben's screen any more.
  await ana.page.keyboard.type("More. ");
  await expect.poll(saved).toContain("More. ");
  expect(await ben.markdown()).not.toContain("More. ");
});
