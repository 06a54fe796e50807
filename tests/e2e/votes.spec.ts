import { expect, test } from "./fixtures";
import { EventPage } from "./pages/event-page";
import { ChronologyPage } from "./pages/chronology-page";
import { createPublishedEvent } from "./support/data";

const EVENT = "Taliban spokesman confirms ongoing links with Iran";

test("analysts vote blind, disagreement needs a rationale and shows as contested, viewers see the rating", async ({
  workspace,
  api,
  pageAs,
  users,
}) => {
  await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: EVENT,
    summary: "A spokesman says the movement keeps in touch with Tehran.",
    date: { start: { year: 2016, month: 4 } },
  });
  const open = async (role: "analyst" | "analyst2" | "viewer") => {
    const page = await pageAs(role);
    const chronology = new ChronologyPage(page, workspace.slug);
    await chronology.goto();
    await chronology.event(new RegExp(EVENT)).click();
    const event = new EventPage(page, workspace.slug);
    await event.expectLoaded(EVENT);
    return { page, panel: event.credibility() };
  };

  let { panel } = await open("analyst");
  await expect(panel.blindHint()).toContainText("Nobody has voted yet");
  await expect(panel.confirmedHint()).toContainText("needs support from two or more independent origins");
  await panel.vote("2 — Probably true");
  await panel.expectVoteBy(users.analyst.name);

  ({ panel } = await open("analyst2"));
  // Blind: the count is shown, the value is not.
  await expect(panel.blindHint()).toContainText("1 vote, hidden until you vote or skip");
  await expect(panel.votes()).toHaveCount(0);
  // Accepted first, then asked for a reason: the rule is checked only once the vote is cast.
  await panel.vote("5 — Improbable");
  await expect(panel.rationaleRequest()).toContainText("Your vote 5 is counted");
  await expect(panel.rationaleRequest()).toContainText("two or more steps from the others' consensus (2)");
  await panel.saveReason("The spokesman's claim is not corroborated elsewhere.");
  await expect(panel.rationaleRequest()).toHaveCount(0);
  await expect(panel.root.getByText("contested")).toBeVisible();
  await expect(panel.votes()).toContainText("not corroborated");

  const viewer = await open("viewer");
  await expect(viewer.page.getByTitle(/contested/).first()).toBeVisible();
  await expect(viewer.panel.voteButton()).toHaveCount(0);
  await expect(viewer.panel.distribution()).toBeVisible();
});
