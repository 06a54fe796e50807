import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { ChronologyPage } from "./pages/chronology-page";
import { ImportJobPage, ImportPage } from "./pages/import-page";
import { createPublishedEvent } from "./support/data";
import { validateStixBundle } from "../helpers/stix-validate";

const OPENCTI_BUNDLE = new URL("../fixtures/stix/opencti-report.json", import.meta.url).pathname;

type Bundle = { type: string; objects: { type: string; name?: string; report_types?: string[] }[] };

test("an analyst downloads the workspace as STIX, then imports an OpenCTI bundle and accepts a candidate", async ({
  page,
  workspace,
  signIn,
  api,
}) => {
  await createPublishedEvent(api, {
    workspaceId: workspace.id,
    title: "Harbour cranes stand idle",
    date: { start: { year: 2024, month: 6 } },
  });
  await signIn(page, "analyst");

  const chronology = new ChronologyPage(page, workspace.slug);
  await chronology.goto();
  await expect(chronology.event("Harbour cranes stand idle")).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), chronology.stixLink().click()]);
  expect(download.suggestedFilename()).toMatch(/\.stix\.json$/);
  const bundle = JSON.parse(readFileSync((await download.path())!, "utf8")) as Bundle;
  expect(validateStixBundle(bundle)).toEqual([]);
  const events = bundle.objects.filter((o) => o.type === "report" && o.report_types?.[0] === "event");
  expect(events.map((e) => e.name)).toEqual(["Harbour cranes stand idle"]);

  const importPage = new ImportPage(page, workspace.slug);
  await importPage.goto();
  await importPage.importStix(OPENCTI_BUNDLE);
  const job = new ImportJobPage(page, workspace.slug);
  await job.expectLoaded();
  await expect(job.candidate("Booking terminals at the port")).toBeVisible();
  await expect(job.candidate("Servers first seen in the autumn campaign")).toBeVisible();
  await job.accept("Booking terminals at the port");
  await expect(job.eventLink("Booking terminals at the port")).toBeVisible();
});
