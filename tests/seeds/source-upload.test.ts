import { describe, expect, it } from "vitest";
import { extractUpload } from "../../server/services/source/index.ts";
import { makeTeam } from "../helpers/factories.ts";
import { readSeedBytes, SEED_FILES } from "../helpers/seeds.ts";

// tests/integration/source-upload.test.ts uploads the fixture dossier the same way.
describe("reading an uploaded file", () => {
  it("gives contributors the text of the real dossier, Persian script intact", async () => {
    const team = await makeTeam();
    const result = await extractUpload({ userId: team.users.analyst.id }, team.workspace.id, {
      fileName: SEED_FILES.timeline,
      bytes: readSeedBytes(SEED_FILES.timeline),
    });
    expect(result.kind).toBe("txt");
    expect(result.text).toContain("طیب آغا");
    expect(result.text).toContain("22 May 2007");
  });
});
