import type { EventDate } from "../../server/schemas/partial-date.ts";
import type { Author } from "./accounts.ts";

/**
 * The chronology. Dates are only as precise as the material allows: a day
 * where a report names it, a month or a range where it does not, "c." where
 * even the year is an estimate. Every quote is a passage of the demo source's
 * own summary (see sources.ts), found by the seed and cited with its offsets.
 */
type Link = [entity: string, role: "ACTOR" | "PLACE" | "OTHER", precision?: "EXACT" | "CITY" | "REGION" | "COUNTRY"];
export type DemoCite = {
  source: string;
  stance: "SUPPORTS" | "CONTRADICTS" | "MENTIONS";
  quote: string;
  note?: string;
};
export type DemoEvent = {
  key: string;
  title: string;
  summary: string;
  /** PENDING: submitted for review; CHANGES_REQUESTED: returned by the reviewer with a comment. */
  status: "DRAFT" | "PENDING" | "PUBLISHED" | "CHANGES_REQUESTED";
  by: Author;
  date: EventDate;
  tags: string[];
  entities: Link[];
  cites: DemoCite[];
};

const y = (year: number, month?: number, day?: number) => ({ year, month: month ?? null, day: day ?? null });
const on = (year: number, month?: number, day?: number): EventDate => ({
  start: y(year, month, day),
  end: null,
  qualifier: "EXACT",
});
const circa = (year: number, month?: number): EventDate => ({ start: y(year, month), end: null, qualifier: "CIRCA" });
const range = (a: ReturnType<typeof y>, b: ReturnType<typeof y>): EventDate => ({
  start: a,
  end: b,
  qualifier: "EXACT",
});
const before = (year: number, month?: number): EventDate => ({ start: y(year, month), end: null, qualifier: "BEFORE" });

export const DEMO_EVENTS: DemoEvent[] = [
  {
    key: "mazar-1998",
    title: "Iranian diplomats killed at Mazar-i-Sharif consulate",
    summary:
      "When Taliban forces took Mazar-i-Sharif in August 1998, Iranian diplomats and a journalist at the consulate were killed; Tehran massed troops on the border in response.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(1998, 8),
    tags: ["crisis"],
    entities: [
      ["taliban", "ACTOR"],
      ["iran", "ACTOR"],
      ["mazar", "PLACE", "CITY"],
    ],
    cites: [
      {
        source: "gandhara-2017",
        stance: "SUPPORTS",
        quote: "nine Iranian diplomats died when the Taliban retook Mazar-e-Sharif",
      },
      {
        source: "gandhara-2017",
        stance: "CONTRADICTS",
        quote: "which it dates to September 1998",
        note: "Our date follows the reporting at the time (August 1998); this essay gives September.",
      },
    ],
  },
  {
    key: "mobilisation-1998",
    title: "Iran masses troops on the Afghan border",
    summary:
      "After the deaths of its diplomats, Iran moved a very large force of regular troops and Revolutionary Guards to the frontier, and the two sides came close to war.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(1998, 9),
    tags: ["crisis", "military"],
    entities: [
      ["iran", "ACTOR"],
      ["irgc", "ACTOR"],
      ["taliban", "OTHER"],
      ["afghanistan", "PLACE", "COUNTRY"],
    ],
    cites: [
      {
        source: "gandhara-2017",
        stance: "SUPPORTS",
        quote: "Iran put some 200,000 soldiers and 70,000 Guards near the border",
      },
    ],
  },
  {
    key: "kandahar-bomb-1999",
    title: "Truck bomb at Mullah Omar's Kandahar home, later blamed on Iran",
    summary:
      "A large truck bomb went off outside the Taliban leader's house in Kandahar. He was unhurt; relatives and guards died. Iranian involvement rests on one former Taliban minister's word, years later.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(1999, 8),
    tags: ["attack", "attribution-disputed"],
    entities: [
      ["omar", "OTHER"],
      ["iran", "ACTOR"],
      ["kandahar", "PLACE", "CITY"],
    ],
    cites: [
      {
        source: "gandhara-2017",
        stance: "SUPPORTS",
        quote: "Tehran was behind a truck bomb at Mullah Omar's Kandahar home in August 1999",
      },
    ],
  },
  {
    key: "khairkhwa-2001",
    title: "Taliban envoys and Iranian officials discuss arms and an open border",
    summary:
      "Before US-led strikes began, a Taliban delegation including Khairullah Khairkhwa met Iranian officials in secret; Iran reportedly offered anti-aircraft missiles and to let Arabs and Taliban cross its border.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2001, 10),
    tags: ["meeting", "weapons"],
    entities: [
      ["taliban", "ACTOR"],
      ["iran", "ACTOR"],
      ["khairkhwa", "ACTOR"],
    ],
    cites: [
      { source: "lwj-2016", stance: "SUPPORTS", quote: "a deal brokered by Khairullah Khairkhwa in October 2001" },
      {
        source: "lwj-2009",
        stance: "SUPPORTS",
        quote:
          "Tehran and the Taliban were talking about arms and an open border before American forces arrived in late 2001",
      },
    ],
  },
  {
    key: "bonn-2001",
    title: "Iran helps broker a post-Taliban government at Bonn",
    summary:
      "Iranian diplomats worked with the US and others at the Bonn conference that set up an interim Afghan administration, while keeping contacts with the Taliban.",
    status: "PUBLISHED",
    by: "analyst2",
    date: range(y(2001, 11), y(2001, 12)),
    tags: ["diplomacy"],
    entities: [
      ["iran", "ACTOR"],
      ["bonn", "PLACE", "CITY"],
    ],
    cites: [
      {
        source: "lwj-2016",
        stance: "MENTIONS",
        quote: "weeks before the Bonn conference where Iran was praised for helping form a new Afghan government",
      },
    ],
  },
  {
    key: "sanctuary-2001",
    title: "Iran starts sheltering Taliban leaders",
    summary:
      "As the Taliban government fell, Iran began to give refuge to some of its leaders, a policy later described as the base of its support for the insurgency.",
    status: "PUBLISHED",
    by: "analyst",
    date: circa(2001),
    tags: ["sanctuary"],
    entities: [
      ["iran", "ACTOR"],
      ["taliban", "ACTOR"],
    ],
    cites: [{ source: "lwj-2016", stance: "SUPPORTS", quote: "Iran then gave shelter to Taliban leaders" }],
  },
  {
    key: "crossing-2002",
    title: "Taliban and al-Qaeda members cross into Iran to escape US forces",
    summary:
      "Fighters of both groups went over the border into Iran as US operations went on; Saif al-Adel was among the al-Qaeda men reported there.",
    status: "PUBLISHED",
    by: "analyst2",
    date: circa(2002),
    tags: ["sanctuary", "al-qaeda"],
    entities: [
      ["taliban", "ACTOR"],
      ["al-qaeda", "ACTOR"],
      ["saif-al-adel", "ACTOR"],
      ["iran", "PLACE", "COUNTRY"],
    ],
    cites: [
      {
        source: "lwj-2009",
        stance: "SUPPORTS",
        quote: "Taliban and al-Qaeda fighters slipped into Iran in early 2002 to get away from US troops",
      },
      {
        source: "reuters-2007",
        stance: "SUPPORTS",
        quote: "Saif al-Adel was among the al-Qaeda men who had gone to Iran from Afghanistan after the 2001 invasion",
      },
    ],
  },
  {
    key: "detention-2003",
    title: "Iran keeps senior al-Qaeda figures in a form of detention",
    summary:
      "Tehran acknowledged holding some senior al-Qaeda members; Western officials suspected it kept them as leverage.",
    status: "PUBLISHED",
    by: "analyst",
    date: circa(2003),
    tags: ["al-qaeda"],
    entities: [
      ["iran", "ACTOR"],
      ["al-qaeda", "OTHER"],
      ["saif-al-adel", "OTHER"],
    ],
    cites: [
      {
        source: "reuters-2007",
        stance: "SUPPORTS",
        quote:
          "Tehran had admitted years earlier that it was keeping some senior al-Qaeda figures under a kind of confinement",
      },
    ],
  },
  {
    key: "mashhad-commanders-2005",
    title: "War logs: Taliban commanders said to gather in Mashhad",
    summary: "A US field report, never corroborated, listed Taliban commanders who had met in Mashhad to plan attacks.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2005, 9),
    tags: ["war-logs", "unconfirmed"],
    entities: [
      ["taliban", "ACTOR"],
      ["mashhad", "PLACE", "CITY"],
    ],
    cites: [
      {
        source: "guardian-2010",
        stance: "SUPPORTS",
        quote: "One report from September 2005 says Taliban commanders met in Mashhad to plan attacks",
      },
    ],
  },
  {
    key: "car-bombs-2006",
    title: "War logs: insurgents said to prepare car bombs with vehicles bought in Iran",
    summary:
      "A field report claimed that fighters of Hekmatyar's party were fitting out vehicles, some bought in Iran, as bombs.",
    status: "DRAFT",
    by: "analyst2",
    date: on(2006, 5),
    tags: ["war-logs", "unconfirmed"],
    entities: [["iran", "OTHER"]],
    cites: [
      {
        source: "guardian-2010",
        stance: "SUPPORTS",
        quote:
          "one from May 2006 describes Hekmatyar's fighters preparing car bombs with vehicles partly bought in Iran",
      },
    ],
  },
  {
    key: "wounded-2006",
    title: "War logs: Iranians said to move wounded Taliban fighters to Tehran",
    summary: "A field report alleged that Iranians organised transport for injured Taliban to hospitals in Tehran.",
    status: "CHANGES_REQUESTED",
    by: "analyst2",
    date: on(2006, 10),
    tags: ["war-logs", "unconfirmed"],
    entities: [
      ["iran", "ACTOR"],
      ["taliban", "OTHER"],
      ["tehran", "PLACE", "CITY"],
    ],
    cites: [
      {
        source: "guardian-2010",
        stance: "SUPPORTS",
        quote: "one from October 2006 says Iranians arranged for wounded Taliban to be taken to Tehran",
      },
    ],
  },
  {
    key: "arms-shipments-2006",
    title: "Iran arranges arms shipments to selected Taliban members",
    summary:
      "According to the State Department, Iran organised deliveries of small arms, rockets, mortar rounds and explosives to chosen Taliban figures over several years.",
    status: "PUBLISHED",
    by: "analyst",
    date: range(y(2006), y(2012)),
    tags: ["weapons"],
    entities: [
      ["iran", "ACTOR"],
      ["taliban", "ACTOR"],
      ["us-state", "OTHER"],
    ],
    cites: [
      {
        source: "lwj-2016",
        stance: "SUPPORTS",
        quote: "Iran had arranged arms shipments to chosen Taliban members since 2006",
      },
    ],
  },
  {
    key: "sa7-2007",
    title: "Iranian-supplied anti-aircraft missiles reported in Taliban hands",
    summary:
      "A British army source said SA-7 missiles provided through Revolutionary Guards officers had reached the Taliban, a threat to helicopters.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2007, 5),
    tags: ["weapons"],
    entities: [
      ["irgc", "ACTOR"],
      ["taliban", "ACTOR"],
    ],
    cites: [
      {
        source: "telegraph-2007",
        stance: "SUPPORTS",
        quote: "shoulder-fired SA-7 anti-aircraft missiles of Iranian supply have reached the Taliban",
      },
    ],
  },
  {
    key: "arms-increase-2007",
    title: "Officials say Iranian arms deliveries to the Taliban have grown",
    summary:
      "American and European officials described a rise in Iranian weapons reaching the Taliban, and a US envoy warned Kabul the same year that the interference was turning deadlier.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2007, 6),
    tags: ["weapons"],
    entities: [
      ["iran", "ACTOR"],
      ["taliban", "ACTOR"],
    ],
    cites: [
      {
        source: "bbc-2007",
        stance: "SUPPORTS",
        quote:
          "Iranian weapons deliveries to the Taleban, and to Shia militias in Iraq, had risen over the previous weeks",
      },
      {
        source: "guardian-2016",
        stance: "SUPPORTS",
        quote: "a US envoy told Hamid Karzai that Iranian interference was growing deadlier",
      },
    ],
  },
  {
    key: "mashhad-meeting-2007",
    title: "Reported three-way meeting in Mashhad",
    summary:
      "Unnamed diplomatic and intelligence sources told a news agency that Iranian officials met al-Qaeda and Taliban militants in Mashhad in June to discuss coordination in case Iran were attacked. A senior German official would not confirm it.",
    status: "DRAFT",
    by: "analyst2",
    date: on(2007, 6),
    tags: ["meeting", "unconfirmed"],
    entities: [
      ["iran", "ACTOR"],
      ["al-qaeda", "ACTOR"],
      ["taliban", "ACTOR"],
      ["mashhad", "PLACE", "CITY"],
    ],
    cites: [
      { source: "reuters-2007", stance: "SUPPORTS", quote: "one of them in Mashhad near the Afghan border" },
      { source: "reuters-2007", stance: "MENTIONS", quote: "he could not confirm those meetings" },
    ],
  },
  {
    key: "policy-shift-2007",
    title: "Iran recalculates its view of the Taliban",
    summary:
      "Faced with the prospect of lasting US bases in Afghanistan, Tehran opened channels to particular Taliban commanders, according to a former US diplomat.",
    status: "PUBLISHED",
    by: "analyst",
    date: circa(2007),
    tags: ["strategy"],
    entities: [
      ["iran", "ACTOR"],
      ["taliban", "OTHER"],
    ],
    cites: [{ source: "fp-2016", stance: "SUPPORTS", quote: "Iran's view of the Taliban shifted around 2007" }],
  },
  {
    key: "hanning-2007",
    title: "Former BND chief says Iran holds talks with the Taliban",
    summary:
      "August Hanning said in an interview that he believed Iran was talking to the Taliban but was ambivalent towards al-Qaeda.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2007),
    tags: ["statement"],
    entities: [
      ["hanning", "ACTOR"],
      ["iran", "OTHER"],
      ["taliban", "OTHER"],
    ],
    cites: [
      {
        source: "reuters-2007",
        stance: "SUPPORTS",
        quote: "he believed Iran was in talks with the Taliban, while its attitude to al-Qaeda was ambivalent",
      },
    ],
  },
  {
    key: "herat-cache-2007",
    title: "US raises Chinese arms reaching the Taliban through Iran",
    summary:
      "Washington complained to Beijing after Chinese weapons sold to Iran were found in a large cache in Herat province.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2007, 9, 14),
    tags: ["weapons", "diplomacy"],
    entities: [
      ["iran", "OTHER"],
      ["herat", "PLACE", "REGION"],
    ],
    cites: [
      {
        source: "rferl-2007",
        stance: "SUPPORTS",
        quote: "after a cache of about ten tons was found in Herat province",
      },
    ],
  },
  {
    key: "sangin-2008",
    title: "War logs: Iranian bomb parts said to be meant for British troops in Sangin",
    summary: "A field report mentioned Iranian-made components for about twenty remote-controlled bombs.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2008, 4),
    tags: ["war-logs", "weapons", "unconfirmed"],
    entities: [
      ["taliban", "ACTOR"],
      ["helmand", "PLACE", "REGION"],
    ],
    cites: [
      {
        source: "guardian-2010",
        stance: "SUPPORTS",
        quote:
          "one from April 2008 mentions Iranian parts for remote-controlled bombs meant for British troops in Sangin",
      },
    ],
  },
  {
    key: "bbc-investigation-2008",
    title: "BBC investigation finds Iranian-made arms reaching the Taleban",
    summary: "Taleban fighters told the BBC they received Iranian weapons from state elements and from smugglers.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2008, 9, 15),
    tags: ["weapons"],
    entities: [
      ["iran", "ACTOR"],
      ["taliban", "ACTOR"],
    ],
    cites: [
      {
        source: "bbc-2008",
        stance: "SUPPORTS",
        quote: "Iranian-made arms came to them both from parts of the Iranian state and through smugglers",
      },
    ],
  },
  {
    key: "haji-lala-2009",
    title: "Revolutionary Guards host Taliban commander Haji Lala",
    summary:
      "A Taliban commander from the west said the Guards invited him to Iran and made payment conditional on attacks against NATO troops.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2009),
    tags: ["meeting"],
    entities: [
      ["irgc", "ACTOR"],
      ["taliban", "ACTOR"],
      ["iran", "PLACE", "COUNTRY"],
    ],
    cites: [
      {
        source: "gandhara-2017",
        stance: "SUPPORTS",
        quote: "the commander Haji Lala was invited to Iran by Sepah (سپاه) in 2009",
      },
    ],
  },
  {
    key: "treasury-2010",
    title: "US Treasury designates two Quds Force commanders for aiding the Taliban",
    summary: "Two Quds Force officers were named for giving the Taliban money and material support.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2010, 8),
    tags: ["sanctions"],
    entities: [
      ["us-treasury", "ACTOR"],
      ["quds-force", "OTHER"],
    ],
    cites: [
      {
        source: "lwj-2016",
        stance: "SUPPORTS",
        quote: "Treasury designations of Quds Force officers in August 2010, March 2012 and February 2014",
      },
    ],
  },
  {
    key: "nimruz-rockets-2011",
    title: "British forces intercept Iranian rockets bound for the Taliban in Nimruz",
    summary:
      "Acting on a tip, British and Afghan troops stopped a convoy carrying dozens of 122mm rockets, which officials traced to Iran.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2011, 2, 5),
    tags: ["weapons", "interdiction"],
    entities: [
      ["iran", "ACTOR"],
      ["taliban", "ACTOR"],
      ["nimruz", "PLACE", "REGION"],
    ],
    cites: [
      { source: "guardian-2011", stance: "SUPPORTS", quote: "found 48 rockets of 122mm calibre" },
      {
        source: "bbc-2011",
        stance: "SUPPORTS",
        quote:
          "a consignment of rockets seized in Afghanistan in February had come from Iran and was meant for the Taliban",
      },
    ],
  },
  {
    key: "hague-2011",
    title: "Hague condemns Iran over the Nimruz rockets",
    summary:
      "The British Foreign Secretary publicly blamed Iran for the shipment and called its behaviour unacceptable.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2011, 3, 9),
    tags: ["statement", "diplomacy"],
    entities: [["iran", "OTHER"]],
    cites: [
      { source: "guardian-2011", stance: "SUPPORTS", quote: "William Hague called Iran's conduct unacceptable" },
      { source: "bbc-2011", stance: "SUPPORTS", quote: "The Foreign Secretary said a consignment of rockets" },
    ],
  },
  {
    key: "baghbani-2012",
    title: "Treasury names Quds Force general in guns-for-drugs scheme",
    summary:
      "Gholamreza Baghbani, based in Zahedan, was accused of moving weapons to the Taliban while helping opium and heroin chemicals cross the border.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2012, 3),
    tags: ["sanctions", "narcotics"],
    entities: [
      ["us-treasury", "ACTOR"],
      ["baghbani", "ACTOR"],
      ["quds-force", "OTHER"],
      ["zahedan", "PLACE", "CITY"],
    ],
    cites: [{ source: "lwj-2016", stance: "SUPPORTS", quote: "August 2010, March 2012 and February 2014" }],
  },
  {
    key: "zahedan-office-2012",
    title: "Taliban allowed to open an office in Zahedan",
    summary:
      "A member of the Taliban leadership council set up an office in the Iranian border city, US and Afghan officials said.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2012, 5),
    tags: ["sanctuary", "diplomacy"],
    entities: [
      ["taliban", "ACTOR"],
      ["iran", "ACTOR"],
      ["zahedan", "PLACE", "CITY"],
    ],
    cites: [
      {
        source: "wsj-2012",
        stance: "SUPPORTS",
        quote: "Iran let a Taliban leadership figure open an office in Zahedan that spring",
      },
      {
        source: "telegraph-2012",
        stance: "SUPPORTS",
        quote: "a member of the Taliban's ruling council set up an office in Zahedan in May 2012",
      },
    ],
  },
  {
    key: "sam-intercepts-2012",
    title: "Intercepts show Quds Force officers discussing missiles for Afghanistan",
    summary:
      "Officials said intercepted communications caught Quds Force members talking about sending surface-to-air missiles; no shipment was seen.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2012, 7),
    tags: ["weapons", "unconfirmed"],
    entities: [["quds-force", "ACTOR"]],
    cites: [
      {
        source: "telegraph-2012",
        stance: "SUPPORTS",
        quote: "intercepted calls had Quds Force officers talking about sending anti-aircraft missiles to Afghanistan",
      },
    ],
  },
  {
    key: "kandahar-weapons-2012",
    title: "Iran ships a large consignment of weapons to Kandahar",
    summary: "The State Department reported a sizeable Iranian arms delivery meant to build influence in Kandahar.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2012),
    tags: ["weapons"],
    entities: [
      ["iran", "ACTOR"],
      ["kandahar", "PLACE", "REGION"],
    ],
    cites: [{ source: "lwj-2016", stance: "SUPPORTS", quote: "including a large delivery to Kandahar in 2012" }],
  },
  {
    key: "conference-2013",
    title: "Taliban delegation attends a conference in Tehran",
    summary: "Tehran formally invited a Taliban team to an Islamic conference and to meetings with senior officials.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2013, 6),
    tags: ["diplomacy", "meeting"],
    entities: [
      ["taliban", "ACTOR"],
      ["iran", "ACTOR"],
      ["tehran", "PLACE", "CITY"],
    ],
    cites: [
      { source: "wsj-2015", stance: "SUPPORTS", quote: "an invitation to a Tehran conference in June 2013" },
      {
        source: "guardian-2015",
        stance: "SUPPORTS",
        quote: "Taliban attendance at a conference in Iran about two years before",
      },
    ],
  },
  {
    key: "training-2013",
    title: "Afghan officials say Iran trains Taliban fighters on its soil",
    summary:
      "Afghan security officials said they had clear signs of Taliban training inside Iran; later reporting placed camps near Tehran, Mashhad, Zahedan and in Kerman.",
    status: "PUBLISHED",
    by: "analyst2",
    date: range(y(2013, 9), y(2013, 11)),
    tags: ["training"],
    entities: [
      ["iran", "ACTOR"],
      ["taliban", "ACTOR"],
      ["mashhad", "PLACE", "CITY"],
      ["zahedan", "PLACE", "CITY"],
      ["kerman", "PLACE", "REGION"],
    ],
    cites: [
      { source: "wsj-2015", stance: "SUPPORTS", quote: "Afghan officials saw training inside Iran by that autumn" },
      { source: "telegraph-2015", stance: "SUPPORTS", quote: "Taliban training camps run by Iran" },
    ],
  },
  {
    key: "treasury-2014",
    title: "Treasury designates Quds Force officials over plots in Afghanistan",
    summary:
      "Three Quds Force officers and an associate were named for planning attacks and running influence operations against the Afghan government.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2014, 2),
    tags: ["sanctions"],
    entities: [
      ["us-treasury", "ACTOR"],
      ["quds-force", "OTHER"],
    ],
    cites: [{ source: "lwj-2016", stance: "SUPPORTS", quote: "February 2014" }],
  },
  {
    key: "pentagon-2014",
    title: "Pentagon report describes Guards arms deliveries to the Taliban",
    summary:
      "A Defense Department report said the Revolutionary Guards had sent arms to the insurgents from 2007 or earlier.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2014, 10),
    tags: ["weapons", "official-report"],
    entities: [
      ["us-defense", "ACTOR"],
      ["irgc", "OTHER"],
    ],
    cites: [
      { source: "wsj-2015", stance: "SUPPORTS", quote: "a 2014 Pentagon report on Guards deliveries since 2007" },
    ],
  },
  {
    key: "tehran-visit-2015",
    title: "Taliban delegation visits Tehran",
    summary:
      "A Taliban political delegation held talks in Tehran, a visit both sides described as part of regional consultations.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2015, 5),
    tags: ["diplomacy"],
    entities: [
      ["taliban", "ACTOR"],
      ["tayyab-agha", "ACTOR"],
      ["tehran", "PLACE", "CITY"],
    ],
    cites: [
      {
        source: "guardian-2015",
        stance: "SUPPORTS",
        quote: "A team from the Taliban's Qatar office under Tayyab Agha held talks in Iran that week",
      },
      {
        source: "guardian-2015",
        stance: "CONTRADICTS",
        quote: "Iranian officials denied it",
        note: "Official denial; Iranian papers and the Taliban confirmed the visit.",
      },
      {
        source: "bbc-persian-2016",
        stance: "SUPPORTS",
        quote: "a trip to Tehran by Tayyab Agha (طیب آغا) the previous spring",
      },
    ],
  },
  {
    key: "commander-paid-2015",
    title: "Taliban commander says Iran pays and arms his fighters",
    summary:
      "A commander in central Afghanistan described monthly Iranian salaries and weapons delivered by smugglers across the border area.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2015, 6, 11),
    tags: ["weapons", "finance"],
    entities: [
      ["iran", "ACTOR"],
      ["taliban", "ACTOR"],
    ],
    cites: [
      {
        source: "wsj-2015",
        stance: "SUPPORTS",
        quote: "A Taliban commander interviewed by the paper says Iran pays his fighters",
      },
    ],
  },
  {
    key: "mansour-leader-2015",
    title: "Akhtar Mansour formally takes over the Taliban",
    summary: "With Mullah Omar's death made public, Mansour became leader; Iranian ties grew quickly under him.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2015, 7),
    tags: ["leadership"],
    entities: [
      ["mansour", "ACTOR"],
      ["taliban", "ACTOR"],
    ],
    cites: [
      {
        source: "gandhara-2017",
        stance: "SUPPORTS",
        quote: "ties grew quickly once Akhtar Mansour formally led the movement from July 2015",
      },
    ],
  },
  {
    key: "agha-resigns-2015",
    title: "Tayyab Agha resigns as head of the Taliban's Qatar office",
    summary:
      "Tayyab Agha, long the movement's channel to Tehran, stepped down after questioning the new leader's reliance on foreign backers.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2015, 8),
    tags: ["leadership"],
    entities: [
      ["tayyab-agha", "ACTOR"],
      ["taliban", "OTHER"],
      ["doha", "PLACE", "CITY"],
    ],
    cites: [{ source: "gandhara-2017", stance: "SUPPORTS", quote: "Tayyab Agha quit the Qatar office in August 2015" }],
  },
  {
    key: "sistan-camps-2015",
    title: "Iran helps the Taliban set up two camps in Sistan and Baluchestan",
    summary:
      "A former Taliban commander said two training camps opened in a remote part of south-eastern Iran near the Afghan and Pakistani borders. No second source yet.",
    status: "PENDING",
    by: "analyst",
    date: before(2016, 1),
    tags: ["training", "unconfirmed"],
    entities: [
      ["iran", "ACTOR"],
      ["taliban", "ACTOR"],
      ["sistan-baluchestan", "PLACE", "REGION"],
    ],
    cites: [
      {
        source: "gandhara-2017",
        stance: "SUPPORTS",
        quote: "Iran helped set up two camps in Sistan and Baluchestan by the end of that year",
      },
    ],
  },
  {
    key: "ghani-2016",
    title: "Ghani presses Iran over Taliban presence in Tehran and Mashhad",
    summary:
      "Meeting Iran's deputy foreign minister in Kabul, President Ghani objected to Taliban members living in Iranian cities.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2016, 4),
    tags: ["diplomacy"],
    entities: [
      ["ghani", "ACTOR"],
      ["iran", "OTHER"],
      ["mashhad", "PLACE", "CITY"],
      ["tehran", "PLACE", "CITY"],
      ["kabul", "PLACE", "CITY"],
    ],
    cites: [
      { source: "bbc-persian-2016", stance: "SUPPORTS", quote: "حضور طالبان در مشهد و تهران" },
      {
        source: "bbc-persian-2016",
        stance: "SUPPORTS",
        quote: "Ashraf Ghani complained to Iran's visiting deputy foreign minister, Morteza Sarmadi",
      },
    ],
  },
  {
    key: "mansour-killed-2016",
    title: "Mullah Mansour killed by US drone strike after returning from Iran",
    summary:
      "The Taliban leader died in a strike in Pakistan's Balochistan; his passport suggested some two months in Iran, which the Taliban spokesman later conceded.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2016, 5, 21),
    tags: ["leadership", "strike"],
    entities: [
      ["mansour", "ACTOR"],
      ["mujahid", "OTHER"],
      ["iran", "OTHER"],
      ["balochistan-pk", "PLACE", "REGION"],
    ],
    cites: [
      {
        source: "guardian-2016",
        stance: "SUPPORTS",
        quote: "he had been in Iran for about two months before the drone strike that killed him in Pakistan",
      },
      {
        source: "lwj-2016",
        stance: "SUPPORTS",
        quote: "the spokesman Zabihullah Mujahid admitted Mansour had been in Iran",
      },
    ],
  },
  {
    key: "isis-buffer-2016",
    title: "Report says Iran enlists Taliban units against Islamic State",
    summary:
      "A magazine reported that Tehran was using the Taliban to block Islamic State near its border; other specialists called the claim overstated.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2016, 5),
    tags: ["islamic-state", "disputed"],
    entities: [
      ["iran", "ACTOR"],
      ["taliban", "ACTOR"],
      ["islamic-state-khorasan", "OTHER"],
    ],
    cites: [
      {
        source: "fp-2016",
        stance: "SUPPORTS",
        quote: "Tehran is using Taliban units to slow the spread of Islamic State in Afghanistan",
      },
      {
        source: "al-monitor-2016",
        stance: "CONTRADICTS",
        quote: "think reports of the Taliban building an anti-IS buffer on the Iranian border for Tehran go too far",
      },
    ],
  },
  {
    key: "news-site-2016",
    title: "Iran shuts a news site that reported Mansour's talks in Iran",
    summary:
      "The authorities closed a website after it described the late Taliban leader's two-month stay and meetings with officials.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2016, 6),
    tags: ["media"],
    entities: [
      ["iran", "ACTOR"],
      ["mansour", "OTHER"],
    ],
    cites: [{ source: "lwj-2016b", stance: "SUPPORTS", quote: "Iranian authorities closed a website" }],
  },
  {
    key: "mujahid-2016",
    title: "Taliban spokesman confirms ongoing links with Iran",
    summary:
      "The Taliban's chief spokesman told a London-based Arabic daily that the movement keeps relations with Iran, while denying it had a representative there.",
    status: "PUBLISHED",
    by: "analyst2",
    date: circa(2016),
    tags: ["diplomacy", "statement"],
    entities: [
      ["taliban", "ACTOR"],
      ["iran", "OTHER"],
    ],
    cites: [{ source: "asharq-2016", stance: "SUPPORTS", quote: "the movement has relations and new links with Iran" }],
  },
  {
    key: "sadr-visit-2016",
    title: "Taliban military delegation under Ibrahim Sadr visits Tehran",
    summary: "Taliban insiders said their military chief led a small team to Tehran to ask for military help.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2016),
    tags: ["meeting", "weapons"],
    entities: [
      ["ibrahim-sadr", "ACTOR"],
      ["taliban", "ACTOR"],
      ["tehran", "PLACE", "CITY"],
    ],
    cites: [
      {
        source: "tribune-2016",
        stance: "SUPPORTS",
        quote: "a three-man military team led by Ibrahim Sadr travelled there that year hoping for arms",
      },
    ],
  },
  {
    key: "farah-siege-2016",
    title: "Taliban besiege Farah city; Afghan officials say Iranian commandos died in the fighting",
    summary:
      "A three-week Taliban siege of Farah ended only with US air support; Afghan intelligence later counted four Iranian commandos among the dead.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2016, 10),
    tags: ["military"],
    entities: [
      ["taliban", "ACTOR"],
      ["iran", "ACTOR"],
      ["farah", "PLACE", "CITY"],
    ],
    cites: [{ source: "nyt-2017", stance: "SUPPORTS", quote: "pointing to four Iranian commandos among the dead" }],
  },
  {
    key: "senate-2016",
    title: "Afghan Senate opens an inquiry into Iranian and Russian ties to the Taliban",
    summary:
      "Senators announced an investigation; Farah's governor said Taliban families live in Iran and the dead are sent there. Iran's foreign ministry called the claims unfounded.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2016, 12, 5),
    tags: ["statement"],
    entities: [
      ["afghan-senate", "ACTOR"],
      ["iran", "OTHER"],
      ["farah", "PLACE", "REGION"],
    ],
    cites: [
      {
        source: "voa-2016",
        stance: "SUPPORTS",
        quote:
          "On 5 December the Afghan Senate announced an inquiry into military links between the Taliban, Iran and Russia",
      },
      { source: "the-news-2016", stance: "SUPPORTS", quote: "Retelling the Senate story" },
      {
        source: "the-news-2016",
        stance: "CONTRADICTS",
        quote: "rejected as baseless the claims that Taliban members live in Iran",
      },
    ],
  },
  {
    key: "bahrami-2016",
    title: "Iran's ambassador in Kabul says Tehran keeps contacts with the Taliban",
    summary:
      "Mohammad Reza Bahrami said Iran's contacts with the movement served control and intelligence, not a relationship.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2016, 12, 10),
    tags: ["statement", "diplomacy"],
    entities: [
      ["bahrami", "ACTOR"],
      ["iran", "ACTOR"],
      ["taliban", "OTHER"],
    ],
    cites: [
      {
        source: "al-monitor-2016b",
        stance: "SUPPORTS",
        quote:
          "described Tehran's dealings with the Taliban as contacts for control and intelligence rather than a relationship",
      },
    ],
  },
  {
    key: "unity-conference-2016",
    title: "Tehran invites Taliban figures to its Islamic unity conference",
    summary:
      "The organiser, Mohsen Araki, said Taliban members who support Muslim unity had been invited; it was the first open invitation.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2016, 12),
    tags: ["diplomacy"],
    entities: [
      ["araki", "ACTOR"],
      ["taliban", "OTHER"],
      ["tehran", "PLACE", "CITY"],
    ],
    cites: [
      {
        source: "mehr-2016",
        stance: "SUPPORTS",
        quote:
          "people from the Taliban who favour Muslim unity had been asked to the International Islamic Unity Conference in Tehran",
      },
      {
        source: "al-arabiya-2016",
        stance: "SUPPORTS",
        quote: "Tehran is openly inviting Taliban figures to its unity conference",
      },
    ],
  },
  {
    key: "garmsir-2017",
    title: "Helmand governor says Iranians met Taliban fighters in Garmsir",
    summary:
      "Hayatullah Hayat said Afghan intelligence confirmed a meeting between Iranian and Pakistani visitors and Taliban in Garmsir, and that Iranian-marked rockets were found.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2017, 1, 22),
    tags: ["meeting", "statement"],
    entities: [
      ["hayat", "ACTOR"],
      ["iran", "ACTOR"],
      ["taliban", "ACTOR"],
      ["garmsir", "PLACE", "REGION"],
    ],
    cites: [
      {
        source: "rferl-2017",
        stance: "SUPPORTS",
        quote: "Iranian and Pakistani visitors had met Taliban fighters in Garmsir",
      },
      {
        source: "voa-2017",
        stance: "SUPPORTS",
        quote: "Iranian intelligence officers met local Taliban commanders in Garmsir",
      },
    ],
  },
  {
    key: "water-2017",
    title: "Afghan governors accuse Iran of using the Taliban against dam projects",
    summary:
      "Provincial governors said Iran wants the Taliban to hinder dams on the Helmand river to keep more water flowing to Iran.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2017, 1, 23),
    tags: ["water", "statement"],
    entities: [
      ["iran", "ACTOR"],
      ["taliban", "ACTOR"],
      ["helmand", "PLACE", "REGION"],
    ],
    cites: [
      {
        source: "voa-2017",
        stance: "SUPPORTS",
        quote: "accuse Iran of steering the Taliban against dams and power lines",
      },
    ],
  },
  {
    key: "moscow-2017",
    title: "Putin welcomes Iran's role in Kabul–Taliban dialogue",
    summary:
      "After talks with Hassan Rouhani, Vladimir Putin backed Iranian help in starting direct talks between the Afghan government and the Taliban.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2017, 3, 28),
    tags: ["diplomacy"],
    entities: [
      ["iran", "ACTOR"],
      ["afghan-government", "OTHER"],
      ["taliban", "OTHER"],
    ],
    cites: [
      {
        source: "sputnik-2017",
        stance: "SUPPORTS",
        quote: "Moscow supports Iran helping to open direct talks between Kabul and the Taliban",
      },
    ],
  },
  {
    key: "taywara-2017",
    title: "Afghan official links Iran to the fall of Taywara district",
    summary:
      "The Taliban captured Taywara in Ghor; an Afghan official said two days later that Iran had been involved in the fighting.",
    status: "PENDING",
    by: "analyst",
    date: range(y(2017, 7, 23), y(2017, 7, 25)),
    tags: ["military", "unconfirmed"],
    entities: [
      ["taliban", "ACTOR"],
      ["iran", "OTHER"],
      ["ghor", "PLACE", "REGION"],
    ],
    cites: [{ source: "gandhara-2017b", stance: "SUPPORTS", quote: "Iran had a hand in the fighting in Ghor" }],
  },
  {
    key: "yaftali-2017",
    title: "Afghan army chief says Kabul has evidence of Iranian weapons for the Taliban",
    summary:
      "General Yaftali told BBC Persian the government had proof of Iranian arms in the west and wanted to settle it through dialogue.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2017, 9),
    tags: ["weapons", "statement"],
    entities: [
      ["yaftali", "ACTOR"],
      ["iran", "OTHER"],
      ["taliban", "OTHER"],
    ],
    cites: [
      {
        source: "mei-2017",
        stance: "SUPPORTS",
        quote: "Kabul holds evidence of Iranian weapons reaching the Taliban in the west",
      },
    ],
  },
  {
    key: "farah-2018",
    title: "Taliban briefly overrun a district of Farah; officials blame the IRGC",
    summary:
      "Afghan officials said the Guards helped the Taliban in the west; IRGC-linked media openly welcomed the gains.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2018, 3, 12),
    tags: ["military"],
    entities: [
      ["taliban", "ACTOR"],
      ["irgc", "ACTOR"],
      ["farah", "PLACE", "REGION"],
    ],
    cites: [{ source: "mei-2018", stance: "SUPPORTS", quote: "Afghan officials blamed the IRGC for helping them" }],
  },
  {
    key: "soleimani-2020",
    title: "Taliban mourn Qassem Soleimani",
    summary:
      "After the Quds Force commander was killed in a US strike, the Taliban issued a statement of grief and condemned the United States.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2020, 1),
    tags: ["statement"],
    entities: [
      ["taliban", "ACTOR"],
      ["soleimani", "OTHER"],
      ["quds-force", "OTHER"],
    ],
    cites: [
      {
        source: "cemo-2021",
        stance: "SUPPORTS",
        quote: "the movement's statement of grief when Qassem Soleimani was killed in January 2020",
      },
    ],
  },
  {
    key: "al-masri-2020",
    title: "Al-Qaeda's Abu Muhammad al-Masri killed in Tehran",
    summary:
      "Al-Qaeda's deputy leader was shot in a Tehran street; the killing was reported three months later. Iran denied hosting al-Qaeda leaders.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2020, 8, 7),
    tags: ["al-qaeda", "strike"],
    entities: [
      ["al-masri", "ACTOR"],
      ["al-qaeda", "OTHER"],
      ["tehran", "PLACE", "CITY"],
    ],
    cites: [
      { source: "nyt-2020", stance: "SUPPORTS", quote: "was shot dead in a Tehran street on 7 August 2020" },
      {
        source: "nyt-2020",
        stance: "CONTRADICTS",
        quote: "Iran's government denied that any al-Qaeda leaders were on its soil",
      },
    ],
  },
  {
    key: "mujahid-2021",
    title: "Zabihullah Mujahid says the Taliban want close ties with Iran",
    summary:
      "A month before taking Kabul, the Taliban spokesman called Iran a neighbour with shared values and said relations with Iranian border forces were friendly.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2021, 7, 13),
    tags: ["statement", "diplomacy"],
    entities: [
      ["mujahid", "ACTOR"],
      ["taliban", "ACTOR"],
      ["iran", "OTHER"],
      ["islam-qala", "PLACE", "EXACT"],
    ],
    cites: [
      {
        source: "cemo-2021",
        stance: "SUPPORTS",
        quote: "the Taliban's spokesman in July 2021 calling Iran a neighbour it wants close ties with",
      },
    ],
  },
  {
    key: "ahmadinejad-2021",
    title: "Ahmadinejad alleges secret links between Taliban leaders and Iranian security officials",
    summary:
      "In a video, the former president said Taliban leaders dealt covertly with a faction in Iran's security services and that he had been threatened for saying so.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2021, 8, 14),
    tags: ["statement", "unconfirmed"],
    entities: [
      ["ahmadinejad", "ACTOR"],
      ["taliban", "OTHER"],
      ["irgc", "OTHER"],
    ],
    cites: [
      {
        source: "cemo-2021",
        stance: "SUPPORTS",
        quote:
          "Mahmoud Ahmadinejad claimed that Taliban leaders kept covert channels to a faction of Iran's security services",
      },
    ],
  },
  {
    key: "zawahiri-2022",
    title: "Ayman al-Zawahiri killed in a US strike in Kabul",
    summary:
      "The al-Qaeda leader was killed in the Afghan capital; Washington said hosting him broke the Taliban's Doha commitments.",
    status: "PUBLISHED",
    by: "analyst",
    date: on(2022, 7, 31),
    tags: ["al-qaeda", "strike"],
    entities: [
      ["zawahiri", "ACTOR"],
      ["al-qaeda", "OTHER"],
      ["taliban", "OTHER"],
      ["kabul", "PLACE", "CITY"],
    ],
    cites: [
      {
        source: "white-house-2022",
        stance: "SUPPORTS",
        quote: "a US strike in Kabul over the weekend killed Ayman al-Zawahiri",
      },
    ],
  },
  {
    key: "saif-leader-2023",
    title: "UN monitors say al-Qaeda's de facto leader Saif al-Adel is based in Iran",
    summary:
      "Most Member States consulted by the UN monitoring team regard Saif al-Adel as al-Qaeda's leader in practice and place him in Iran.",
    status: "PUBLISHED",
    by: "analyst2",
    date: on(2023, 2),
    tags: ["al-qaeda", "leadership"],
    entities: [
      ["saif-al-adel", "ACTOR"],
      ["al-qaeda", "ACTOR"],
      ["un-monitoring-team", "OTHER"],
      ["iran", "PLACE", "COUNTRY"],
    ],
    cites: [
      {
        source: "un-2023",
        stance: "SUPPORTS",
        quote:
          "most of them regard Saif al-Adel as al-Qaeda's leader in practice since Zawahiri's death, and that he is based in Iran",
      },
    ],
  },
];

/**
 * A published event with a proposed change waiting for review: what the
 * editor proposes (review-service shows it as a diff against the published one).
 */
export const DEMO_PROPOSAL = {
  event: "mobilisation-1998",
  by: "analyst2" as Author,
  title: "Iran masses troops and Revolutionary Guards on the Afghan border",
  summary:
    "After the deaths of its diplomats in Mazar-i-Sharif, Iran moved some 200,000 regular troops and 70,000 Revolutionary Guards to the frontier, and the two sides came close to war. Figures from a 2017 essay; contemporary reports vary.",
  tags: ["crisis", "military", "figures-disputed"],
};

/** The comment the reviewer left on the event returned for changes. */
export const DEMO_CHANGES_REQUESTED = {
  event: "wounded-2006",
  comment:
    "The war logs are raw reporting: say in the title that this is an allegation, and look for a second source before resubmitting.",
};
