import type { Confidence, Marking, Probability } from "../../server/schemas/briefing.ts";
import type { Author } from "./accounts.ts";

/**
 * Briefings of the demo. `[@event:KEY]` and the judgments' `events` name demo
 * events by key; the seed replaces them with the events' ids.
 */
export type DemoBriefing = {
  key: string;
  title: string;
  marking: Marking;
  summary: string;
  body: string;
  keyJudgments: {
    id: string;
    statement: string;
    probability: Probability;
    confidence: Confidence;
    events: string[];
    sources: string[];
  }[];
  by: Author;
  /** Published briefings are approved by the reviewer and frozen in a publication. */
  published: boolean;
};

export const DEMO_BRIEFINGS: DemoBriefing[] = [
  {
    key: "hedging-2001-2016",
    title: "Iran and the Taliban, 2001–2016: from enemy to hedge",
    marking: "TLP:AMBER",
    summary:
      "Iran went from near war with the Taliban in 1998 to sheltering, arming and hosting them after 2001. The pattern fits a hedge against the US presence in Afghanistan rather than an alliance.",
    body: [
      "## From enemies to partners",
      "",
      "The killing of Iranian diplomats at Mazar-i-Sharif brought the two sides close to war [@event:mazar-1998] [@event:mobilisation-1998]. " +
        "Within three years, Taliban envoys were discussing arms and an open border with Iranian officials [@event:khairkhwa-2001], and Iran began to shelter Taliban leaders [@event:sanctuary-2001].",
      "",
      "## Material support",
      "",
      "The clearest evidence is the interception of Iranian rockets in Nimruz, reported by two independent outlets and confirmed by the British government [@event:nimruz-rockets-2011] [@event:hague-2011]. " +
        "An office in Zahedan followed [@event:zahedan-office-2012].",
      "",
      "## Open contacts",
      "",
      "By 2015 the relationship was visible: a delegation under Tayyab Agha visited Tehran [@event:tehran-visit-2015], and the Taliban leader was killed on his way back from Iran [@event:mansour-killed-2016]. " +
        "Kabul protested the Taliban presence in Iranian cities [@event:ghani-2016].",
    ].join("\n"),
    keyJudgments: [
      {
        id: "kj-1",
        statement: "Iran has supplied weapons to at least some Taliban units since the late 2000s.",
        probability: "VERY_LIKELY",
        confidence: "HIGH",
        events: ["nimruz-rockets-2011", "arms-shipments-2006"],
        sources: ["guardian-2011", "bbc-2011"],
      },
      {
        id: "kj-2",
        statement: "Tehran's support is a hedge against a lasting US presence, not an alliance with the Taliban.",
        probability: "LIKELY",
        confidence: "MODERATE",
        events: ["tehran-visit-2015", "mansour-killed-2016"],
        sources: [],
      },
      {
        id: "kj-3",
        statement: "Iran directs Taliban operations in western Afghanistan.",
        probability: "UNLIKELY",
        confidence: "LOW",
        events: ["zahedan-office-2012"],
        sources: [],
      },
    ],
    by: "analyst",
    published: true,
  },
  {
    key: "al-qaeda-in-iran",
    title: "Al-Qaeda's leaders in Iran after the Taliban's return",
    marking: "TLP:AMBER+STRICT",
    summary:
      "Draft: what the killing of al-Masri in Tehran and the UN monitors' reporting say about al-Qaeda's leadership in Iran.",
    body: [
      "## Working notes",
      "",
      "Iran has held senior al-Qaeda figures since the early 2000s [@event:detention-2003]. Al-Masri's killing in Tehran [@event:al-masri-2020] and the UN monitors' view of Saif al-Adel [@event:saif-leader-2023] suggest the arrangement outlived Zawahiri [@event:zawahiri-2022].",
      "",
      "Still to weigh: the Reuters 2007 reporting on Saif al-Adel [@source:reuters-2007].",
    ].join("\n"),
    keyJudgments: [
      {
        id: "kj-1",
        statement: "Saif al-Adel is in Iran.",
        probability: "LIKELY",
        confidence: "LOW",
        events: ["saif-leader-2023"],
        sources: ["un-2023"],
      },
    ],
    by: "analyst2",
    published: false,
  },
];
