import type { Author } from "./accounts.ts";

/**
 * Ratings by the demo team: reliability (A–F) of origins, credibility (1–6)
 * of events. `earlier` is a grade the voter held before changing their mind,
 * kept in the vote history. Deliberately left unrated, because tests vote on
 * them from scratch: the event "Taliban spokesman confirms ongoing links with
 * Iran" and the publisher Asharq Al-Awsat.
 */
type Ballot = { by: Author; grade: string; rationale: string; earlier?: { grade: string; rationale: string } };

export const ORIGIN_VOTES: Record<string, Ballot[]> = {
  reuters: [
    {
      by: "analyst",
      grade: "B",
      rationale: "Wire service with editorial checks; anonymous sourcing on sensitive stories.",
    },
    { by: "analyst2", grade: "B", rationale: "Good track record, corrects itself in public." },
    { by: "reviewer", grade: "A", rationale: "Its Iran reporting from 2007 has largely held up." },
  ],
  guardian: [
    { by: "analyst", grade: "B", rationale: "Careful about flagging raw intelligence as such." },
    { by: "analyst2", grade: "B", rationale: "Reliable, though relies on diplomats it does not name." },
    { by: "reviewer", grade: "C", rationale: "Several pieces rest on single unnamed Western officials." },
  ],
  bbc: [
    { by: "analyst", grade: "B", rationale: "Own reporting in the field, clearly attributed." },
    { by: "reviewer", grade: "A", rationale: "Independent investigation with named fighters." },
  ],
  "bbc-persian": [
    { by: "analyst2", grade: "B", rationale: "Well sourced in Kabul; palace sources not named." },
    { by: "reviewer", grade: "B", rationale: "Consistent with later reporting." },
  ],
  telegraph: [
    { by: "analyst", grade: "C", rationale: "Often relays other outlets' scoops." },
    { by: "analyst2", grade: "B", rationale: "Defence sources usually accurate." },
  ],
  wsj: [
    { by: "analyst", grade: "B", rationale: "First-hand interviews, several officials." },
    { by: "analyst2", grade: "B", rationale: "Strong on Afghan security sourcing." },
  ],
  nyt: [
    { by: "analyst", grade: "B", rationale: "Reporting on the ground in Farah." },
    { by: "analyst2", grade: "B", rationale: "Intelligence sourcing, but broadly confirmed later." },
  ],
  lwj: [
    { by: "analyst", grade: "C", rationale: "Advocacy-leaning analysis, but documents its sources carefully." },
    { by: "analyst2", grade: "D", rationale: "Selective reading of court and Treasury documents." },
    { by: "reviewer", grade: "C", rationale: "Primary documents are real; the framing is not neutral." },
  ],
  rferl: [
    { by: "analyst", grade: "B", rationale: "Local stringers and named officials." },
    { by: "analyst2", grade: "C", rationale: "Essays mix interviews under changed names with analysis." },
  ],
  voa: [
    { by: "analyst", grade: "B", rationale: "Quotes governors on the record." },
    { by: "reviewer", grade: "C", rationale: "US government broadcaster: check for framing." },
  ],
  mehr: [
    { by: "analyst", grade: "C", rationale: "State-aligned, but accurate when quoting Iranian officials." },
    { by: "analyst2", grade: "E", rationale: "Publishes what the authorities want known; nothing independent." },
    {
      by: "reviewer",
      grade: "D",
      rationale: "Useful for official positions only.",
      earlier: { grade: "C", rationale: "Quotes seem accurate." },
    },
  ],
  "al-arabiya": [
    { by: "analyst", grade: "C", rationale: "Saudi-owned; hostile framing of Iran." },
    { by: "analyst2", grade: "C", rationale: "Relays Iranian media without adding reporting." },
  ],
  "al-monitor": [
    { by: "analyst", grade: "B", rationale: "Named former officials, balanced." },
    { by: "reviewer", grade: "C", rationale: "Commentary more than reporting." },
  ],
  "foreign-policy": [{ by: "analyst", grade: "B", rationale: "Exclusive with several named experts." }],
  "express-tribune": [{ by: "analyst2", grade: "C", rationale: "Taliban insiders, unnamed." }],
  "the-news": [{ by: "analyst", grade: "C", rationale: "Rewrites other outlets' stories." }],
  sputnik: [
    { by: "analyst", grade: "D", rationale: "Russian state outlet; fine for what Putin said, not beyond." },
    { by: "analyst2", grade: "E", rationale: "State propaganda channel." },
  ],
  mei: [{ by: "analyst2", grade: "C", rationale: "Summaries of other media, usually accurate." }],
  cemo: [
    { by: "analyst", grade: "F", rationale: "Unknown outlet; cannot judge yet." },
    { by: "analyst2", grade: "D", rationale: "Opinionated compilation without sourcing." },
  ],
  "white-house": [
    { by: "analyst", grade: "B", rationale: "Official statement: accurate on facts, partial on framing." },
  ],
  "un-monitoring-team": [
    { by: "analyst", grade: "B", rationale: "Relies on Member State reporting, which it says openly." },
    { by: "analyst2", grade: "A", rationale: "Consistent and cautious over many years." },
  ],
};

export const EVENT_VOTES: Record<string, Ballot[]> = {
  "mazar-1998": [
    { by: "analyst", grade: "1", rationale: "Acknowledged by both sides at the time." },
    { by: "reviewer", grade: "1", rationale: "Widely documented." },
    { by: "analyst2", grade: "2", rationale: "The month differs between sources." },
  ],
  "kandahar-bomb-1999": [
    { by: "analyst", grade: "2", rationale: "The bombing itself is well attested; I rate the event, not the blame." },
    {
      by: "analyst2",
      grade: "5",
      rationale: "Iranian authorship rests on one unnamed former minister, eighteen years later.",
    },
    { by: "reviewer", grade: "4", rationale: "The title implies attribution; doubtful as framed." },
    { by: "admin", grade: "3", rationale: "Possible, nothing more." },
  ],
  "khairkhwa-2001": [
    { by: "analyst", grade: "2", rationale: "Court findings from his own admissions." },
    { by: "reviewer", grade: "3", rationale: "Admissions under detention; one line of evidence." },
  ],
  "crossing-2002": [
    { by: "analyst", grade: "2", rationale: "Two unrelated outlets agree." },
    { by: "analyst2", grade: "1", rationale: "Confirmed later by Iran's own admission of holding al-Qaeda figures." },
  ],
  "mashhad-commanders-2005": [
    { by: "analyst2", grade: "4", rationale: "Raw field report, no corroboration." },
    { by: "reviewer", grade: "3", rationale: "Fits later reporting on Mashhad." },
  ],
  "arms-shipments-2006": [
    { by: "analyst", grade: "2", rationale: "Official US finding, repeated over years." },
    { by: "reviewer", grade: "2", rationale: "Consistent with interdictions." },
  ],
  "nimruz-rockets-2011": [
    { by: "analyst", grade: "1", rationale: "Two independent outlets and a ministerial statement." },
    { by: "analyst2", grade: "1", rationale: "Confirmed by the British government." },
    { by: "reviewer", grade: "2", rationale: "Origin of the rockets rests on the fuses." },
  ],
  "zahedan-office-2012": [
    { by: "analyst", grade: "2", rationale: "Officials on both sides." },
    { by: "analyst2", grade: "2", rationale: "Plausible, and the office was later mentioned again." },
    {
      by: "reviewer",
      grade: "3",
      rationale: "Both reports go back to one newspaper.",
      earlier: { grade: "2", rationale: "Two papers report it." },
    },
  ],
  "tehran-visit-2015": [
    { by: "analyst", grade: "1", rationale: "Confirmed by the Taliban and by Iranian media." },
    { by: "analyst2", grade: "2", rationale: "Tehran denied it officially." },
    { by: "reviewer", grade: "2", rationale: "Visit yes; agenda less clear." },
  ],
  "ghani-2016": [
    { by: "analyst2", grade: "1", rationale: "Palace source and later public statements." },
    { by: "reviewer", grade: "2", rationale: "Single source, but credible." },
  ],
  "mansour-killed-2016": [
    { by: "analyst", grade: "1", rationale: "The strike is confirmed; the Iran stay conceded by the Taliban." },
    { by: "reviewer", grade: "1", rationale: "Passport evidence plus admission." },
  ],
  "isis-buffer-2016": [
    { by: "analyst", grade: "3", rationale: "One exclusive, disputed by specialists." },
    { by: "analyst2", grade: "4", rationale: "IS was in the east, far from Iran." },
    { by: "reviewer", grade: "4", rationale: "Overstated." },
  ],
  "farah-siege-2016": [
    { by: "analyst", grade: "3", rationale: "Afghan intelligence claims, reported by one paper." },
    { by: "analyst2", grade: "2", rationale: "Funerals in Iran were noted locally." },
  ],
  "ahmadinejad-2021": [
    { by: "analyst", grade: "4", rationale: "A politician's claim with an agenda." },
    { by: "analyst2", grade: "3", rationale: "Insider, but no evidence shown." },
  ],
  "saif-leader-2023": [
    { by: "analyst", grade: "2", rationale: "UN report and US statements agree." },
    { by: "analyst2", grade: "2", rationale: "Member State assessments, not proof." },
    { by: "reviewer", grade: "3", rationale: "Iran denies it; location hard to verify." },
  ],
  "sistan-camps-2015": [{ by: "analyst", grade: "3", rationale: "One commander under a changed name." }],
};
