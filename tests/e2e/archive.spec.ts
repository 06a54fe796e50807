import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";
import { MembersPage } from "./pages/members-page";
import { SourceReaderPage } from "./pages/source-reader-page";
import { createSource, fixturePath } from "./support/data";

/**
 * Archiving a source's web address: the page is served by a small HTTP server
 * this test starts on 127.0.0.1, which the app (on the same machine) may only
 * fetch once an admin has allowed that host and port.
 */
const PAGE = readFileSync(fixturePath("archived-page.html"));
const SHA256 = createHash("sha256").update(PAGE).digest("hex");

let server: http.Server;
let port: number;

test.beforeAll(async () => {
  server = http.createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end(PAGE));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("an admin allows a local host; an analyst archives a page from it and reads its hash and text", async ({
  workspace,
  page,
  pageAs,
  signIn,
  api,
}) => {
  await signIn(page, "admin");
  const members = new MembersPage(page, workspace.slug);
  await members.goto();
  await members.allowArchiveHosts([`127.0.0.1:${port}`]);

  const source = await createSource(api, {
    workspaceId: workspace.id,
    kind: "NEWS_REPORT",
    title: "Grain convoy waits at the Milak crossing",
    url: `http://127.0.0.1:${port}/trade/milak-convoy`,
  });
  const reader = new SourceReaderPage(await pageAs("analyst"), workspace.slug);
  await reader.goto(source.id, source.title, { withText: false });
  await reader.archivePage();

  const copy = reader.latestArchive();
  await expect(copy.getByText("Archived", { exact: true })).toBeVisible();
  await expect(copy.getByTestId("archive-sha256")).toHaveText(SHA256);
  await expect(copy).toContainText("Its text became the source’s text.");
  const text = await reader.openArchivedText();
  await expect(text).toContainText("Forty lorries of wheat waited a third day at the Milak crossing");
  await expect(text).not.toContainText("Weather desk");
  await expect(text).not.toContainText("All rights reserved");
  // The source had no text: it now reads the page's.
  await expect(reader.text()).toContainText("the price of flour in the town market");
});
