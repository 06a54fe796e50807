import { expect, test } from "./fixtures";
import { AuditPage } from "./pages/audit-page";
import { BriefingListPage } from "./pages/briefing-list-page";
import { BriefingPage } from "./pages/briefing-page";
import { ChronologyPage } from "./pages/chronology-page";
import { EntitiesPage } from "./pages/entities-page";
import { EventFormPage } from "./pages/event-form-page";
import { EventHistoryPage } from "./pages/event-history-page";
import { EventPage } from "./pages/event-page";
import { ImportPage } from "./pages/import-page";
import { MembersPage } from "./pages/members-page";
import { NewSourcePage } from "./pages/new-source-page";
import { ProfilePage } from "./pages/profile-page";
import { SearchPage } from "./pages/search-page";
import { SourceListPage } from "./pages/source-list-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { TrashPage } from "./pages/trash-page";
import { WorkspaceHomePage } from "./pages/workspace-home-page";
import { createChronology, createSource, readFixture } from "./support/data";
import { expectNoHorizontalOverflow } from "./support/layout";

/**
 * Every main screen on a phone (390×844) and a tablet (768×1024), in a
 * workspace in use: each page object checks on arrival that nothing is wider
 * than the screen (and runs axe). What is specific to the width is checked
 * here: lists reflow, and the chronology's date never takes a wide column.
 */
for (const device of [
  { name: "phone", viewport: null },
  { name: "tablet", viewport: { width: 768, height: 1024 } },
]) {
  test.describe(`on a ${device.name}`, () => {
    if (device.viewport) test.use({ viewport: device.viewport });

    test("every main screen fits the width, with no sideways scrolling", async ({ page, workspace, api, signIn }) => {
      // Twenty screens, each checked by axe: long on a shared machine.
      test.setTimeout(600_000);
      const { events } = await createChronology(api, workspace.id);
      const mixed = await createSource(api, {
        workspaceId: workspace.id,
        kind: "NEWS_REPORT",
        title: "گزارش: Taliban envoy arrives in Mashhad with a long delegation of provincial officials",
        publisherName: "Herat Ledger of the Western Provinces",
        pubDate: { year: 2015, month: 5, day: 12 },
        language: "fa",
        text: readFixture("border-envoy-mixed.txt"),
      });
      const briefing = await api("analyst").briefing.create.mutate({
        workspaceId: workspace.id,
        title: "Where Tehran and the Taliban meet: a note on the border talks",
      });
      const [publisher] = await api("admin").entity.suggest.query({
        workspaceId: workspace.id,
        q: "Herat Ledger",
        limit: 1,
      });
      await signIn(page, "admin");

      const slug = workspace.slug;
      await new WorkspaceHomePage(page, slug).goto();

      const chronology = new ChronologyPage(page, slug);
      await chronology.goto();
      await chronology.openFilters();
      await expectNoHorizontalOverflow(page);
      // The date is a line above the title on a phone, and a narrow column from a tablet up: never half the row.
      const row = chronology.event(/Three-way meeting reported in Mashhad/);
      const rowBox = (await row.boundingBox())!;
      const dateBox = (await row.getByText("June 2007", { exact: true }).boundingBox())!;
      const titleBox = (await row.getByText("Three-way meeting reported in Mashhad", { exact: true }).boundingBox())!;
      if (device.name === "phone") expect(dateBox.y + dateBox.height).toBeLessThanOrEqual(titleBox.y + 1);
      else expect(dateBox.width).toBeLessThan(rowBox.width / 4);
      expect(titleBox.x - rowBox.x).toBeLessThan(rowBox.width / 3);

      await new EventPage(page, slug).goto(events.mashhad);
      await new EventHistoryPage(page, slug).goto(events.mashhad);
      const form = new EventFormPage(page, slug);
      await form.gotoNew();
      await form.gotoEdit(events.visit);

      const sources = new SourceListPage(page, slug);
      await sources.goto();
      // Each row's details wrap under the title instead of running off the edge.
      const first = sources.source(/Taliban envoy arrives in Mashhad/);
      const box = (await first.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
      await new SourceReaderPage(page, slug).goto(mixed.id);
      await new NewSourcePage(page, slug).goto();
      await new SearchPage(page, slug).goto("Mashhad");

      const entities = new EntitiesPage(page, slug);
      await entities.goto();
      await entities.gotoEntity(publisher!.id, /Herat Ledger/);

      await new BriefingListPage(page, slug).goto();
      await new BriefingPage(page, slug).goto(briefing.id);
      await new ImportPage(page, slug).goto();
      await new MembersPage(page, slug).goto();
      await new AuditPage(page, slug).goto();
      await new TrashPage(page, slug).goto();
      await new ProfilePage(page).goto();
    });
  });
}
