import { citationChecks } from "../helpers/citation-checks.ts";
import { readSeed, SEED_FILES } from "../helpers/seeds.ts";

// The checks tests/integration/citations.test.ts runs on the fixtures, on the real articles.
citationChecks({
  report: {
    title: "Reuters",
    text: readSeed(SEED_FILES.reuters),
    quote: "I certainly believe the Iranians are conducting talks with the Taliban",
    note: "Hanning to Reuters",
    eventTitle: "Germany: Iran talks to the Taliban",
    aside: "bargaining chip",
    other: "very ambivalent",
  },
  derived: {
    title: "Asharq",
    text: readSeed(SEED_FILES.asharq),
    spokesman: "Zabihullah Mujahid, the Taliban spokesman",
    misspelt: "Zabihullah Mujahid, the Taliban spokesmen",
    denial: "he denied reports that the Taliban has appointed a representative in Iran",
    denialEvent: {
      title: "Taliban deny a representative in Iran",
      date: { year: 2015, month: 4 },
      dateText: "April 2015",
    },
  },
  persian: {
    title: "Love-hate relationship: Taliban & Iran",
    text: readSeed(SEED_FILES.timeline),
    quote: "ظاهرا دفتر طالبان در مشهد بوده",
    contextEnd: "روابط دارند. ",
  },
});
