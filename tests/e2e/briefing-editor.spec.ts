import { expect, test } from "./fixtures";
import { BriefingEditorPage } from "./pages/briefing-editor-page";
import { BriefingPage } from "./pages/briefing-page";
import { createPublishedEvent } from "./support/data";

/**
 * The briefing editor reads as text while it is written: each reference shows
 * as a chip with the event's title and date in place of the Markdown it stands
 * for (which is what is saved), and version numbers count publications, not saves.
 */

test("references read as chips with title and date while the Markdown underneath is kept", async ({
  page,
  workspace,
  api,
  signIn,
}) => {
  const event = await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Envoys received in Zahedan",
    date: { start: { year: 2015, month: 5, day: 18 } },
  });
  const token = `[@event:${event.id}]`;
  const body = `Envoys crossed the border ${token} and met officers.\n\nMore talks followed.`;
  const analyst = api("analyst");
  const b = await analyst.briefing.create.mutate({ workspaceId: workspace.id, title: "The eastern border" });
  await analyst.briefing.update.mutate({ id: b.id, version: b.version, body });

  await signIn(page, "analyst");
  const editor = new BriefingEditorPage(page, workspace.slug);
  await editor.goto(b.id);
  const chip = editor.chip(token);
  await expect(chip).toBeVisible();
  await expect(chip).toContainText("Envoys received in Zahedan");
  await expect(chip).toContainText("18 May 2015");
  await expect(editor.codes()).toHaveCount(0);
  // The Markdown is what the body holds (and what is saved).
  expect(await editor.markdown()).toBe(body);

  // Clicking the chip puts the caret at the token underneath, which is then shown as its code, to edit as text.
  await chip.click();
  await expect(editor.body()).toBeFocused();
  await expect(editor.codes()).toHaveText([token]);
  await expect(editor.chips()).toHaveCount(0);
  // Elsewhere, the chip again.
  await editor.summary().click();
  await expect(editor.chips()).toHaveCount(1);

  // Typing goes into the Markdown; new text after the chip is saved as written.
  await editor.body().focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Zahedan stays calm.");
  await editor.waitUntilBodySaved(async () => (await analyst.briefing.get.query({ id: b.id })).working?.body);
  expect((await analyst.briefing.get.query({ id: b.id })).working?.body).toBe(`${body} Zahedan stays calm.`);

  // Codes on request.
  await editor.showCodes().check();
  await expect(editor.codes()).toHaveText([token]);
  await expect(editor.chips()).toHaveCount(0);
});

test("version numbers count publications and reviewed revisions, not autosaves", async ({
  page,
  workspace,
  api,
  signIn,
}) => {
  const analyst = api("analyst");
  const reviewer = api("reviewer");
  const b = await analyst.briefing.create.mutate({ workspaceId: workspace.id, title: "The eastern border" });
  let version = b.version;
  const save = async (body: string) => {
    version = (await analyst.briefing.update.mutate({ id: b.id, version, body })).version;
  };
  for (const text of ["Crossings.", "Crossings go on.", "Crossings go on near Zahedan."]) await save(text);
  let { round } = await analyst.briefing.submit.mutate({ id: b.id, version });
  await reviewer.briefing.decide.mutate({ id: b.id, round, decision: "APPROVE" });
  // An afternoon of autosaves on the next version.
  for (let i = 1; i <= 6; i++) await save(`Crossings go on near Zahedan. Update ${i}.`);
  expect(version).toBeGreaterThan(8);

  await signIn(page, "analyst");
  const briefing = new BriefingPage(page, workspace.slug);
  await briefing.goto(b.id);
  await expect(briefing.versionSwitch().getByRole("button", { name: "Published (v1)" })).toBeVisible();
  await briefing.versionSwitch().getByRole("button", { name: "Working copy" }).click();
  await expect(briefing.byline()).toContainText("draft of version 2");
  await expect(briefing.byline()).not.toContainText(`version ${version}`);

  // Submitted and approved: version 2, whatever the number of saves.
  ({ round } = await analyst.briefing.submit.mutate({ id: b.id, version }));
  await briefing.goto(b.id);
  await briefing.versionSwitch().getByRole("button", { name: "Working copy" }).click();
  await expect(briefing.byline()).toContainText(`draft of version 2, review round ${round}`);
  await reviewer.briefing.decide.mutate({ id: b.id, round, decision: "APPROVE" });
  await briefing.goto(b.id);
  await expect(briefing.byline()).toContainText("version 2, approved");
  await expect(page.getByText(/\bv\d{2,}\b|version [3-9]\b|version \d{2,}/)).toHaveCount(0);
});

test("the author picks which text of each quote the exports print; the choice holds from the click and is saved", async ({
  page,
  workspace,
  api,
  signIn,
}) => {
  const analyst = api("analyst");
  const b = await analyst.briefing.create.mutate({ workspaceId: workspace.id, title: "Quotes abroad" });

  await signIn(page, "analyst");
  const briefing = new BriefingPage(page, workspace.slug);
  await briefing.goto(b.id, "Quotes abroad");
  const panel = page.getByRole("region", { name: "Quotes in exports" });
  const both = panel.getByRole("radio", { name: "Original and translation" });
  // check() fails if the box springs back after the click, even for a moment.
  await both.check();
  await expect(both).toBeChecked();
  await expect(both).toBeEnabled();
  expect((await analyst.briefing.get.query({ id: b.id })).quoteLanguage).toBe("BOTH");

  await page.reload();
  await briefing.expectLoaded("Quotes abroad");
  await expect(panel.getByRole("radio", { name: "Original and translation" })).toBeChecked();
  await panel.getByRole("radio", { name: "Original only" }).check();
  await expect(panel.getByRole("radio", { name: "Original only" })).toBeChecked();
});
