import path from "node:path";
import { expect, test } from "./fixtures";
import { EventPage } from "./pages/event-page";
import { cite, createEvent, createSource } from "./support/data";

// Written for this spec: a Persian sentence from a statement, and its English rendering.
const ORIGINAL = "سخنگو گفت که گذرگاه مرزی فردا دوباره باز می‌شود";
const TRANSLATION = "The spokesman said the border crossing will reopen tomorrow.";

test("an analyst pastes a machine translation of a quote and a second analyst marks it checked", async ({
  workspace,
  api,
  pageAs,
  users,
}) => {
  const source = await createSource(api, {
    workspaceId: workspace.id,
    kind: "NEWS_REPORT",
    title: "Statement on the crossing",
    text: `Briefing in Zahedan. ${ORIGINAL}. No date was given for trade.`,
    language: "fa",
  });
  const event = await createEvent(api, {
    workspaceId: workspace.id,
    title: "Border crossing to reopen",
    date: { start: { year: 2022, month: 4 } },
  });
  await cite(api, { sourceId: source.id, eventId: event.id, quote: ORIGINAL });

  const page = await pageAs("analyst");
  const analystView = new EventPage(page, workspace.slug);
  await analystView.goto(event.id, "Border crossing to reopen");
  await analystView.translate(ORIGINAL, TRANSLATION, "English", { engine: "Engine Nine" });
  // Set SCREENSHOT_DIR to keep a picture of the editor for a visual check.
  if (process.env.SCREENSHOT_DIR)
    await analystView
      .citation(ORIGINAL)
      .screenshot({ path: path.join(process.env.SCREENSHOT_DIR, "translation-editor.png") });
  await analystView.saveTranslation(ORIGINAL);
  await expect(analystView.translationState(ORIGINAL)).toHaveText("Machine translation (Engine Nine) — not checked");
  await expect(analystView.citation(ORIGINAL).getByText(TRANSLATION)).toBeVisible();
  // Whoever pasted it cannot check it.
  await expect(analystView.markCheckedButton(ORIGINAL)).toHaveCount(0);

  const second = new EventPage(await pageAs("analyst2"), workspace.slug);
  await second.goto(event.id, "Border crossing to reopen");
  await second.markCheckedButton(ORIGINAL).click();
  await expect(second.translationState(ORIGINAL)).toHaveText(
    `Machine translation (Engine Nine) — checked by ${users.analyst2.name}`,
  );
  await expect(second.markCheckedButton(ORIGINAL)).toHaveCount(0);
});
