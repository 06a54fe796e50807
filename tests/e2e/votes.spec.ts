import { expect, test, type Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in-page";
import { DEMO_SLUG } from "./pages/workspace-page";

const EVENT = "Taliban spokesman confirms ongoing links with Iran";

async function openEvent(page: Page) {
  await page.goto(`/w/${DEMO_SLUG}/events`);
  await page.getByRole("link", { name: new RegExp(EVENT) }).click();
  await expect(page.getByRole("heading", { level: 1, name: EVENT })).toBeVisible();
  return page.getByRole("region", { name: "Credibility of this event" });
}

test("analysts vote blind, disagreement needs a rationale and shows as contested, viewers see the rating", async ({
  browser,
}) => {
  const first = await (await browser.newContext()).newPage();
  await new SignInPage(first).signIn("analyst@dossier.local");
  let panel = await openEvent(first);
  await expect(panel.getByTestId("blind-hint")).toContainText("Nobody has voted yet");
  await expect(panel.getByTestId("confirmed-hint")).toContainText("needs support from two or more independent origins");
  await panel.getByLabel(/^2 — Probably true/).check({ force: true });
  await panel.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(panel.getByRole("list", { name: "Votes" })).toContainText("Ana Analyst");

  const second = await (await browser.newContext()).newPage();
  await new SignInPage(second).signIn("analyst2@dossier.local");
  panel = await openEvent(second);
  // Blind: the count is shown, the value is not.
  await expect(panel.getByTestId("blind-hint")).toContainText("1 analyst has voted");
  await expect(panel.getByRole("list", { name: "Votes" })).toHaveCount(0);
  await panel.getByLabel(/^5 — Improbable/).check({ force: true });
  await panel.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(panel.getByRole("alert")).toContainText("two or more steps from the current consensus");
  await panel.getByLabel(/Rationale/).fill("The spokesman's claim is not corroborated elsewhere.");
  await panel.getByRole("button", { name: "Vote", exact: true }).click();
  await expect(panel.getByText("contested")).toBeVisible();
  await expect(panel.getByRole("list", { name: "Votes" })).toContainText("not corroborated");

  const viewer = await (await browser.newContext()).newPage();
  await new SignInPage(viewer).signIn("viewer@dossier.local");
  panel = await openEvent(viewer);
  await expect(viewer.getByTitle(/contested/).first()).toBeVisible();
  await expect(panel.getByRole("button", { name: "Vote", exact: true })).toHaveCount(0);
  await expect(panel.getByRole("list", { name: "Distribution" })).toBeVisible();
});
