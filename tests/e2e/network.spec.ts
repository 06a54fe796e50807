import { expect, test } from "./fixtures";
import { EntityPage } from "./pages/entity-page";
import { NetworkPage } from "./pages/network-page";
import { createEvent, createPublishedEvent } from "./support/data";

test("a viewer opens the network, narrows it by date, lists a link's events and opens an entity", async ({
  page,
  signIn,
  workspace,
  api,
}) => {
  const analyst = api("analyst");
  const ws = workspace.id;
  const [mayor, union, harbour, judge] = await Promise.all([
    analyst.entity.create.mutate({ workspaceId: ws, kind: "PERSON", name: "Mayor Ines Duarte" }),
    analyst.entity.create.mutate({ workspaceId: ws, kind: "ORGANIZATION", name: "Dockworkers Union" }),
    analyst.entity.create.mutate({ workspaceId: ws, kind: "PLACE", name: "Old Harbour" }),
    analyst.entity.create.mutate({ workspaceId: ws, kind: "PERSON", name: "Judge Amal Saleh" }),
  ]);
  const links = (...ids: string[]) => ids.map((entityId) => ({ entityId, role: "ACTOR" as const }));
  await createPublishedEvent(api, {
    workspaceId: ws,
    title: "Union strikes at the harbour",
    date: { start: { year: 2012, month: 4 } },
    entities: links(mayor.id, union.id, harbour.id),
  });
  await createPublishedEvent(api, {
    workspaceId: ws,
    title: "Mayor signs the port agreement",
    date: { start: { year: 2014, month: 9, day: 3 } },
    entities: links(mayor.id, union.id),
  });
  await createPublishedEvent(api, {
    workspaceId: ws,
    title: "Court hears the union's case",
    date: { start: { year: 2019 } },
    entities: links(union.id, judge.id, mayor.id),
  });
  // A draft the viewer must not see in the link's events.
  await createEvent(api, {
    workspaceId: ws,
    title: "Private talks, unconfirmed",
    date: { start: { year: 2013 } },
    entities: links(mayor.id, union.id),
  });

  await signIn(page, "viewer");
  const network = new NetworkPage(page, workspace.slug);
  await network.goto();
  await expect(network.summary()).toHaveText(/Showing 4 of 4 entities and 5 of 5 links/);
  await expect(network.node(/Mayor Ines Duarte/)).toBeVisible();
  await expect(network.linksTable().getByRole("row").nth(1)).toContainText(
    /Mayor Ines Duarte.*Dockworkers Union|Dockworkers Union.*Mayor Ines Duarte/,
  );
  await expect(network.linksTable().getByRole("row").nth(1)).toContainText("3");

  // 2010–2016: the 2019 hearing drops out, and with it the judge.
  await network.filter({ from: "2010", to: "2016" });
  await expect(page).toHaveURL(/from=2010&to=2016/);
  await expect(network.summary()).toHaveText(/Showing 3 of 3 entities and 3 of 3 links/);
  await expect(network.node(/Judge Amal Saleh/)).toHaveCount(0);

  // The mayor–union line lists the two published events in the window, in date order.
  await network.edge(mayor.id, union.id).click({ force: true });
  const listed = network.edgeEvents();
  await expect(listed.getByRole("heading")).toContainText("Events with");
  await expect(listed.getByRole("link")).toHaveText(["Union strikes at the harbour", "Mayor signs the port agreement"]);
  await expect(listed).toContainText("April 2012");

  await network.node(/Old Harbour/).click();
  const place = new EntityPage(page, workspace.slug);
  await place.expectLoaded("Old Harbour");
  expect(place.id()).toBe(harbour.id);
});
