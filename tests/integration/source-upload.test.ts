import { describe, expect, it } from "vitest";
import { extractUpload } from "../../server/services/source/index.ts";
import { makeTeam } from "../helpers/factories.ts";
import { FIXTURES, readFixtureBytes } from "../helpers/fixtures.ts";

// tests/seeds/source-upload.test.ts uploads a real dossier the same way.
describe("reading an uploaded file", () => {
  it("gives contributors the text, Persian script intact", async () => {
    const team = await makeTeam();
    const result = await extractUpload({ userId: team.users.analyst.id }, team.workspace.id, {
      fileName: FIXTURES.dossier,
      bytes: readFixtureBytes(FIXTURES.dossier),
    });
    expect(result.kind).toBe("txt");
    expect(result.text).toContain("قاری محمد نصیر");
    expect(result.text).toContain("22 May 2007");
  });

  it("reads a saved web page down to its article, and a PDF's text layer", async () => {
    const team = await makeTeam();
    const actor = { userId: team.users.analyst.id };
    const page = await extractUpload(actor, team.workspace.id, {
      fileName: FIXTURES.page,
      bytes: readFixtureBytes(FIXTURES.page),
    });
    expect(page).toMatchObject({ kind: "html", byline: "Sorayya Nadiri", publishedAt: "2021-09-02T07:40:00Z" });
    expect(page.text).toContain("reopened to lorries on Thursday");
    expect(page.text).not.toContain("Cookie settings");
    const pdf = await extractUpload(actor, team.workspace.id, {
      fileName: FIXTURES.pdf,
      bytes: readFixtureBytes(FIXTURES.pdf),
    });
    expect(pdf).toMatchObject({ kind: "pdf", byline: "Borderlands Institute" });
    expect(pdf.text).toContain("Iranian-made mortar rounds, rockets and explosives were found");
  });

  it("refuses viewers and non-members before reading anything", async () => {
    const team = await makeTeam();
    const file = { fileName: "a.txt", bytes: new TextEncoder().encode("some text") };
    await expect(extractUpload({ userId: team.users.viewer.id }, team.workspace.id, file)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(extractUpload({ userId: team.users.outsider.id }, team.workspace.id, file)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("explains binary and empty files", async () => {
    const team = await makeTeam();
    const actor = { userId: team.users.analyst.id };
    await expect(
      extractUpload(actor, team.workspace.id, { fileName: "x.txt", bytes: new Uint8Array([0, 1, 2, 0, 255]) }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      extractUpload(actor, team.workspace.id, { fileName: "x.txt", bytes: new Uint8Array() }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/empty/i) });
    await expect(
      extractUpload(actor, team.workspace.id, { fileName: "x.exe", bytes: new Uint8Array([1]) }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
