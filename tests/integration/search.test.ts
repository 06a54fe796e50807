import { FIXTURES, readFixture } from "../helpers/fixtures.ts";
import { searchChecks } from "../helpers/search-checks.ts";

// Search over the four fixture articles; tests/seeds/search.test.ts runs the same checks on the real ones.
searchChecks({
  opinion: { title: "Is the Taliban’s return a threat to Tehran?", text: readFixture(FIXTURES.opinion) },
  dossier: { title: "Old enemies, useful friends: Iran & the Taliban", text: readFixture(FIXTURES.dossier) },
  report: {
    title: "Tehran hosts Taliban envoys, keeps al Qaeda men close: European official",
    text: readFixture(FIXTURES.wire),
  },
  derived: {
    title: "Report: Taliban Spokesman Confirms “New Channels” with Tehran",
    text: readFixture(FIXTURES.derived),
  },
  persianQuote: "رهبران طالبان در مشهد و تهران آزادانه رفت\u200Cوآمد می\u200Cکنند",
  draftQuote: "I have no doubt that Tehran talks to the Taliban",
  words: {
    inReportTitle: "European",
    inOpinionTitle: "threat",
    inDerivedTitle: "spokesman",
    onlyInOpinion: "Karimi",
    official: "Denning",
    officialStem: "den",
    inDraftQuote: "no doubt",
  },
});
