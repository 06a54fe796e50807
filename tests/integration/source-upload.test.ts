import { describe, expect, it } from "vitest";
import { extractUpload } from "../../server/services/source/index.ts";
import { makeTeam } from "../helpers/factories.ts";
import { readSeedBytes } from "../helpers/seeds.ts";

const seed = readSeedBytes;

describe("reading an uploaded file", () => {
  it("gives contributors the text, Persian script intact", async () => {
    const team = await makeTeam();
    const result = await extractUpload({ userId: team.users.analyst.id }, team.workspace.id, {
      fileName: "love-hate-relationship-timeline-2016.txt",
      bytes: seed("love-hate-relationship-timeline-2016.txt"),
    });
    expect(result.kind).toBe("txt");
    expect(result.text).toContain("طیب آغا");
    expect(result.text).toContain("22 May 2007");
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
