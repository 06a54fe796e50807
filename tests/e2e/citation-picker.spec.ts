import { expect, test } from "./fixtures";
import { BriefingEditorPage } from "./pages/briefing-editor-page";
import { createPublishedEvent } from "./support/data";

/**
 * The citation picker inserts what the keyboard chose: the option the arrows
 * highlighted, wherever the mouse happens to rest, and after typing then Enter
 * the first match of what was typed (not a stale list from earlier letters).
 */
const FIRST = "Envoys meet at the Dogharoun crossing";
const SECOND = "Envoys meet again in Zahedan";

test.describe("the citation picker", () => {
  let briefingId: string;

  test.beforeEach(async ({ workspace, api }) => {
    await createPublishedEvent(api, {
      workspaceId: workspace.id,
      title: FIRST,
      summary: "Border officials of both sides talk at the crossing.",
      date: { start: { year: 2014, month: 3 } },
    });
    await createPublishedEvent(api, {
      workspaceId: workspace.id,
      title: SECOND,
      summary: "A second round of talks, this time in the provincial capital.",
      date: { start: { year: 2014, month: 9 } },
    });
    const briefing = await api("analyst").briefing.create.mutate({
      workspaceId: workspace.id,
      title: "Border diplomacy in 2014",
    });
    briefingId = briefing.id;
  });

  test("Enter inserts the option the arrows highlighted, not the one under the mouse", async ({
    workspace,
    pageAs,
  }) => {
    const page = await pageAs("analyst");
    const editor = new BriefingEditorPage(page, workspace.slug);
    await editor.goto(briefingId);
    await page.getByRole("button", { name: "Cite…" }).click();
    const dialog = editor.picker();
    await dialog.getByRole("combobox", { name: "Search by title or words" }).fill("Envoys meet");
    const options = dialog.getByRole("listbox", { name: "Results" }).getByRole("option");
    await expect(options).toHaveCount(2);

    // The keyboard highlights one option; the mouse then rests on the other.
    await page.keyboard.press("ArrowDown");
    const highlighted = dialog.locator('[role="option"][aria-selected="true"]');
    await expect(highlighted).toHaveCount(1);
    const chosenTitle = (await highlighted.textContent())!.includes(FIRST) ? FIRST : SECOND;
    const other = chosenTitle === FIRST ? SECOND : FIRST;
    await options.filter({ hasText: other }).hover();
    await page.keyboard.press("Enter");
    await expect(dialog).toHaveCount(0);

    await expect(editor.references()).toHaveCount(1);
    await expect(editor.references().first()).toContainText(chosenTitle);
    await expect(editor.preview()).not.toContainText(other);
  });

  test("typing then Enter at once inserts the first match of what was typed", async ({ workspace, pageAs }) => {
    const page = await pageAs("analyst");
    const editor = new BriefingEditorPage(page, workspace.slug);
    await editor.goto(briefingId);
    await page.getByRole("button", { name: "Cite…" }).click();
    const combobox = editor.picker().getByRole("combobox", { name: "Search by title or words" });
    // The list for "Envoys meet" shows both; "again in Zahedan" then narrows it, and Enter comes before the results could settle.
    await combobox.fill("Envoys meet");
    await expect(editor.picker().getByRole("listbox", { name: "Results" }).getByRole("option")).toHaveCount(2);
    await combobox.pressSequentially(" again in Zahedan");
    await page.keyboard.press("Enter");
    await expect(editor.picker()).toHaveCount(0);

    await expect(editor.references()).toHaveCount(1);
    await expect(editor.references().first()).toContainText(SECOND);
  });

  test("Escape closes the picker, inserts nothing and gives the focus back to the body", async ({
    workspace,
    pageAs,
  }) => {
    const page = await pageAs("analyst");
    const editor = new BriefingEditorPage(page, workspace.slug);
    await editor.goto(briefingId);
    await page.getByRole("button", { name: "Cite…" }).click();
    await editor.picker().getByRole("combobox", { name: "Search by title or words" }).fill("Envoys meet");
    await expect(editor.picker().getByRole("listbox", { name: "Results" }).getByRole("option")).toHaveCount(2);
    await page.keyboard.press("Escape");
    await expect(editor.picker()).toHaveCount(0);
    await expect(editor.body()).toBeFocused();
    await expect(editor.references()).toHaveCount(0);
  });
});
