import { searchChecks } from "../helpers/search-checks.ts";
import { readSeed, SEED_FILES } from "../helpers/seeds.ts";

// The checks tests/integration/search.test.ts runs on the fixtures, on the real articles.
searchChecks({
  opinion: {
    title: "Taliban and Iran: Does the movement pose a threat to the mullah regime?",
    text: readSeed(SEED_FILES.cemo),
  },
  dossier: { title: "Love-hate relationship: Taliban & Iran", text: readSeed(SEED_FILES.timeline) },
  report: { title: "Iran talks to Taliban, unsure of al Qaeda: Germany", text: readSeed(SEED_FILES.reuters) },
  derived: {
    title: "Report: Afghan Taliban Still Maintains a Relationship with Iran",
    text: readSeed(SEED_FILES.asharq),
  },
  persianQuote: "ظاهرا دفتر طالبان در مشهد بوده",
  draftQuote: "I certainly believe the Iranians are conducting talks with the Taliban",
  words: {
    inReportTitle: "Germany",
    inOpinionTitle: "mullah regime",
    inDerivedTitle: "maintains",
    onlyInOpinion: "Ahmadinejad",
    official: "Hanning",
    officialStem: "han",
    inDraftQuote: "conducting talks",
  },
});
