import { plainTextChecks } from "../helpers/plain-text-checks.ts";
import { readSeed, readSeedBytes, SEED_FILES, seedNames } from "../helpers/seeds.ts";

// The checks tests/unit/source-text.test.ts runs on the fixtures, on the real articles.
plainTextChecks({
  what: "the seed articles",
  names: seedNames(),
  bytes: readSeedBytes,
  text: readSeed,
  persian: { name: SEED_FILES.timeline, passages: ["خبرگزاری ایرانی تسنیم", "مهاجرین افغان"] },
  arabic: { name: SEED_FILES.cemo, passage: "طباعة" },
  blankRuns: SEED_FILES.timeline,
});
