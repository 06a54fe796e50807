import { errorCodeOf, expect, test, type Api, type RoleKey } from "./fixtures";
import { EntityListPage } from "./pages/entity-list-page";
import { EntityPage } from "./pages/entity-page";
import { EventPage } from "./pages/event-page";
import { ReviewQueuePage } from "./pages/review-queue-page";
import { createEvent, createPublishedEvent } from "./support/data";

type ApiFor = (role: RoleKey) => Api;
type Kind = "PERSON" | "ORGANIZATION" | "PLACE" | "OTHER";

function entity(api: ApiFor, workspaceId: string, name: string, kind: Kind = "PERSON", aliases: string[] = []) {
  return api("analyst").entity.create.mutate({ workspaceId, kind, name, aliases });
}

/** A draft event naming the entity as an actor (or a place). */
function eventNaming(api: ApiFor, workspaceId: string, entityId: string, title: string, year = 2009) {
  return createEvent(api, {
    workspaceId,
    title,
    date: { start: { year } },
    entities: [{ entityId, role: "ACTOR" }],
  });
}

test("the entity list shows each entity's kind, events and other names, and filters by kind", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const envoy = await entity(api, workspace.id, "Tayyab Agha", "PERSON", ["Sayed Tayyab Agha", "Agha Jan"]);
  await entity(api, workspace.id, "Northline Wire", "ORGANIZATION");
  await entity(api, workspace.id, "Islam Qala", "PLACE");
  await eventNaming(api, workspace.id, envoy.id, "Envoy travels to Tehran", 2015);
  await eventNaming(api, workspace.id, envoy.id, "Envoy meets officials in Doha", 2016);

  await signIn(page, "analyst");
  const list = new EntityListPage(page, workspace.slug);
  await list.goto();
  await expect(list.entities().getByRole("link")).toHaveCount(3);
  const card = list.entity(/Tayyab Agha/);
  await expect(card).toContainText("Person · 2 events");
  await expect(card).toContainText("also Agha Jan, Sayed Tayyab Agha");
  await expect(list.entity(/Northline Wire/)).toContainText("Organisation · 0 events");

  await list.filterByKind("Place");
  await expect(list.entity(/Islam Qala/)).toBeVisible();
  await expect(list.entities().getByRole("link")).toHaveCount(1);

  await list.entity(/Islam Qala/).click();
  const detail = new EntityPage(page, workspace.slug);
  await detail.expectLoaded("Islam Qala");
  await expect(page.getByText("No events linked yet")).toBeVisible();
});

test("an analyst adds and removes aliases of an entity no published event shows; it saves at once", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const e = await entity(api, workspace.id, "Mullah Abdul Ghani Baradar", "PERSON", ["Baradar"]);
  await eventNaming(api, workspace.id, e.id, "Baradar released from custody", 2018);

  await signIn(page, "analyst");
  const detail = new EntityPage(page, workspace.slug);
  await detail.goto(e.id, "Mullah Abdul Ghani Baradar");
  await expect(detail.aliases()).toHaveText("Also known as Baradar");
  await expect(detail.events()).toContainText("Baradar released from custody");

  await detail.edit({ aliases: ["Baradar", "Mullah Baradar Akhund"] });
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  await expect(detail.aliases()).toHaveText("Also known as Baradar · Mullah Baradar Akhund");

  // Removing the first alias keeps only the new one.
  await detail.edit({ aliases: ["Mullah Baradar Akhund"] });
  await expect(detail.aliases()).toHaveText("Also known as Mullah Baradar Akhund");
  await detail.expectLoaded("Mullah Abdul Ghani Baradar");

  // The list and a reload agree.
  await detail.page.reload();
  await detail.expectLoaded("Mullah Abdul Ghani Baradar");
  await expect(detail.aliases()).toHaveText("Also known as Mullah Baradar Akhund");
  const list = new EntityListPage(page, workspace.slug);
  await list.goto();
  await expect(list.entity(/Baradar/)).toContainText("also Mullah Baradar Akhund");
});

test("an entity saved without a name is refused with a message, and nothing changes", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const e = await entity(api, workspace.id, "Herat", "PLACE");
  await signIn(page, "analyst");
  const detail = new EntityPage(page, workspace.slug);
  await detail.goto(e.id, "Herat");
  // A place has no track record as a source: nothing to rate.
  await expect(detail.reliability()).toHaveCount(0);
  await detail.edit({ name: "" });
  await expect(page.getByRole("alert").filter({ hasText: /name/i })).toBeVisible();
  await detail.page.reload();
  await detail.expectLoaded("Herat");
});

test("merging a duplicate moves its events to the kept entity, whose other names now include it", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const kept = await entity(api, workspace.id, "Islamic Revolutionary Guard Corps", "ORGANIZATION", ["IRGC"]);
  const dup = await entity(api, workspace.id, "Sepah-e Pasdaran", "ORGANIZATION", ["Pasdaran"]);
  await eventNaming(api, workspace.id, kept.id, "Guard commanders visit the border", 2010);
  await eventNaming(api, workspace.id, dup.id, "Pasdaran officers meet Taliban envoys", 2012);

  await signIn(page, "analyst");
  const detail = new EntityPage(page, workspace.slug);
  await detail.goto(dup.id, "Sepah-e Pasdaran");
  await detail.mergeInto("Revolutionary", "Islamic Revolutionary Guard Corps");

  // Lands on the kept entity, which shows both names and both events.
  await detail.expectLoaded("Islamic Revolutionary Guard Corps");
  expect(detail.id()).toBe(kept.id);
  for (const name of ["IRGC", "Sepah-e Pasdaran", "Pasdaran"]) await expect(detail.aliases()).toContainText(name);
  await expect(detail.events().getByRole("link")).toHaveCount(2);
  await expect(detail.events()).toContainText("Pasdaran officers meet Taliban envoys");

  // The merged entity's page says where it went, and offers nothing to edit.
  await detail.goto(dup.id, "Sepah-e Pasdaran");
  await expect(detail.mergedNotice()).toBeVisible();
  await expect(detail.editor()).toHaveCount(0);
  await detail.mergedNotice().getByRole("link", { name: "another entity" }).click();
  await detail.expectLoaded("Islamic Revolutionary Guard Corps");

  // The list holds one entity, found by the merged name too.
  const list = new EntityListPage(page, workspace.slug);
  await list.goto();
  await expect(list.entities().getByRole("link")).toHaveCount(1);
  await expect(list.entity(/Islamic Revolutionary Guard Corps/)).toContainText("Sepah-e Pasdaran");
});

test("an analyst cannot merge an entity published events show; a reviewer can", async ({
  page,
  signIn,
  workspace,
  api,
  pageAs,
}) => {
  const kept = await entity(api, workspace.id, "Quetta Shura", "ORGANIZATION");
  const dup = await entity(api, workspace.id, "Quetta Council", "ORGANIZATION");
  await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Council leaders meet in Quetta",
    date: { start: { year: 2013, month: 3 } },
    entities: [{ entityId: dup.id, role: "ACTOR" }],
  });

  await signIn(page, "analyst");
  const detail = new EntityPage(page, workspace.slug);
  await detail.goto(dup.id, "Quetta Council");
  await detail.mergeInto("Quetta Shura", "Quetta Shura");
  await expect(page.getByRole("alert").filter({ hasText: "only reviewers and admins can merge it" })).toBeVisible();
  await detail.expectLoaded("Quetta Council");

  const reviewer = new EntityPage(await pageAs("reviewer"), workspace.slug);
  await reviewer.goto(dup.id, "Quetta Council");
  await reviewer.mergeInto("Quetta Shura", "Quetta Shura");
  await reviewer.expectLoaded("Quetta Shura");
  expect(reviewer.id()).toBe(kept.id);
  await expect(reviewer.events()).toContainText("Council leaders meet in Quetta");
});

test("renaming an entity a published event shows is a proposal: the viewer keeps the old name until a reviewer approves", async ({
  workspace,
  api,
  pageAs,
}) => {
  const e = await entity(api, workspace.id, "Abdul Qayum Zakir", "PERSON");
  const published = await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Military commission chief visits Iran",
    date: { start: { year: 2014, month: 6 } },
    entities: [{ entityId: e.id, role: "ACTOR" }],
  });

  // The analyst's edit is saved as a proposal and submitted.
  const analyst = new EntityPage(await pageAs("analyst"), workspace.slug);
  await analyst.goto(e.id, "Abdul Qayum Zakir");
  await expect(analyst.page.getByText("your edit waits for a reviewer")).toBeVisible();
  await analyst.edit({ name: "Mullah Abdul Qayum Zakir", aliases: ["Zakir"] }, "Propose the change");
  await expect(analyst.page.getByText("Saved as a proposed change.", { exact: false })).toBeVisible();
  await expect(analyst.proposal()).toContainText("Not visible to viewers yet");
  await analyst.submitProposal();
  await analyst.expectLoaded("Abdul Qayum Zakir");

  // The viewer still reads the old name, on the entity and on the event.
  const viewerPage = await pageAs("viewer");
  const viewer = new EntityPage(viewerPage, workspace.slug);
  await viewer.goto(e.id, "Abdul Qayum Zakir");
  await expect(viewer.aliases()).toHaveCount(0);
  await expect(viewer.proposal()).toHaveCount(0);
  const event = new EventPage(viewerPage, workspace.slug);
  await event.goto(published.id, "Military commission chief visits Iran");
  await expect(viewerPage.getByRole("link", { name: "Abdul Qayum Zakir", exact: true })).toBeVisible();

  // The reviewer approves it from the queue.
  const queue = new ReviewQueuePage(await pageAs("reviewer"), workspace.slug);
  await queue.goto();
  const item = queue.recordProposal("Abdul Qayum Zakir");
  await expect(item).toContainText("Mullah Abdul Qayum Zakir");
  await item.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(queue.outcome(/was approved: readers now see the change/)).toBeVisible();

  // Now the viewer reads the new name everywhere.
  await event.goto(published.id, "Military commission chief visits Iran");
  await expect(viewerPage.getByRole("link", { name: "Mullah Abdul Qayum Zakir", exact: true })).toBeVisible();
  await viewer.goto(e.id, "Mullah Abdul Qayum Zakir");
  await expect(viewer.aliases()).toHaveText("Also known as Zakir");
});

test("a viewer reads an entity but has no editor and no merge", async ({ page, signIn, workspace, api }) => {
  const e = await entity(api, workspace.id, "Gulbuddin Hekmatyar", "PERSON", ["Hekmatyar"]);
  await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Hekmatyar leaves Iran",
    date: { start: { year: 2002, month: 2 } },
    entities: [{ entityId: e.id, role: "ACTOR" }],
  });
  await signIn(page, "viewer");
  const detail = new EntityPage(page, workspace.slug);
  await detail.goto(e.id, "Gulbuddin Hekmatyar");
  await expect(detail.events()).toContainText("Hekmatyar leaves Iran");
  await expect(detail.reliability()).toBeVisible();
  await expect(detail.editor()).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Find the entity to keep" })).toHaveCount(0);
  expect(
    await errorCodeOf(
      api("viewer").entity.update.mutate({ entityId: e.id, version: 1, kind: "PERSON", name: "Someone", aliases: [] }),
    ),
  ).toBe("FORBIDDEN");
});

test("a reviewer rejects a proposed rename only with a comment; the author reads it and viewers never see the name", async ({
  workspace,
  api,
  pageAs,
}) => {
  const e = await entity(api, workspace.id, "Ismail Khan", "PERSON");
  await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Herat governor meets Iranian officials",
    date: { start: { year: 2003, month: 1 } },
    entities: [{ entityId: e.id, role: "ACTOR" }],
  });
  await api("analyst").entity.update.mutate({
    entityId: e.id,
    version: 1,
    kind: "PERSON",
    name: "Emir of Herat",
    aliases: [],
  });
  await api("analyst").proposal.submit.mutate({ targetType: "ENTITY", targetId: e.id });

  const reviewer = new EntityPage(await pageAs("reviewer"), workspace.slug);
  await reviewer.goto(e.id, "Ismail Khan");
  const panel = reviewer.proposal();
  await expect(panel.locator("ins")).toContainText("Emir of Herat");
  await panel.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(panel.getByRole("alert")).toHaveText("Say what needs to change, or why it is rejected");
  await panel.getByLabel(/^Comment/).fill("A title, not a name: add it as an alias instead.");
  await panel.getByRole("button", { name: "Reject", exact: true }).click();
  await expect(panel.getByRole("list", { name: "Decisions" })).toContainText("add it as an alias instead");

  const author = new EntityPage(await pageAs("analyst"), workspace.slug);
  await author.goto(e.id, "Ismail Khan");
  await expect(author.proposal()).toContainText("Rejected");
  await expect(author.proposal()).toContainText("add it as an alias instead");
  const viewer = new EntityPage(await pageAs("viewer"), workspace.slug);
  await viewer.goto(e.id, "Ismail Khan");
  await expect(viewer.page.getByText("Emir of Herat")).toHaveCount(0);
});
