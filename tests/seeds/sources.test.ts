import { describe } from "vitest";
import { recognisesReflowedText, storesPastedReport } from "../helpers/pasted-source-checks.ts";
import { readSeed, SEED_FILES } from "../helpers/seeds.ts";

// The checks tests/integration/sources.test.ts runs on the fixtures, on the real articles.
describe("adding sources", () => {
  storesPastedReport({
    text: readSeed(SEED_FILES.reuters),
    title: "Iran talks to Taliban, unsure of al Qaeda: Germany",
    publisherName: "Reuters",
    author: "Louis Charbonneau and Mark Trevelyan",
    pubDate: { year: 2007, month: 6 },
    pubDateText: "June 2007",
    url: "https://www.reuters.com/article/us-iran-taliban-idUSL1234",
  });
});

describe("duplicates", () => {
  recognisesReflowedText({ text: readSeed(SEED_FILES.asharq), title: "Asharq report" });
});
