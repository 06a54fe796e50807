import type { PartialDate } from "../../server/schemas/partial-date.ts";
import type { Author } from "./accounts.ts";

/**
 * Documents of the demo. The `text` is a short summary in the project's own
 * words, not the article: the demo cites its sources by title, publisher, date
 * and address, and never reproduces them. Titles follow the article's headline
 * or, where that was not at hand, its address.
 */
export type DemoSource = {
  key: string;
  title: string;
  publisher: string;
  kind: "NEWS_REPORT" | "OFFICIAL_STATEMENT" | "REPORT" | "SOCIAL_POST" | "INTERVIEW" | "LEAKED_DOCUMENT" | "OTHER";
  date: PartialDate;
  url: string | null;
  author?: string;
  language?: string;
  /** A report that relays another (a wire copy, a piece built on another outlet's story) shares its origin. */
  derivedFrom?: string;
  by: Author;
  text: string;
};

export const DEMO_SOURCES: DemoSource[] = [
  {
    key: "reuters-2007",
    title: "Iran talks to Taliban, unsure of al Qaeda: Germany",
    publisher: "reuters",
    kind: "NEWS_REPORT",
    date: { year: 2007 },
    url: null,
    author: "Louis Charbonneau, Mark Trevelyan",
    by: "analyst",
    text:
      "Summary: A former head of Germany's foreign intelligence service said he believed Iran was in talks with the Taliban, while its attitude to al-Qaeda was ambivalent. " +
      "The agency also reported, from two unnamed sources, that Iranian officials had held three-way meetings with al-Qaeda and Taliban militants since June, one of them in Mashhad near the Afghan border. " +
      "The German official said he could not confirm those meetings. " +
      "According to the same sources, Saif al-Adel was among the al-Qaeda men who had gone to Iran from Afghanistan after the 2001 invasion; Tehran had admitted years earlier that it was keeping some senior al-Qaeda figures under a kind of confinement.",
  },
  {
    key: "asharq-2016",
    title: "Afghan Taliban still maintains a relationship with Iran",
    publisher: "asharq",
    kind: "INTERVIEW",
    date: { year: 2016 },
    url: null,
    by: "analyst2",
    text: "Summary: The Taliban's chief spokesman, Zabihullah Mujahid, told the newspaper that the movement has relations and new links with Iran as part of a search for regional agreements, but denied that it had named a representative in Iran.",
  },
  {
    key: "cemo-2021",
    title: "Taliban and Iran: Does the movement pose a threat to the mullah regime?",
    publisher: "cemo",
    kind: "REPORT",
    date: { year: 2021, month: 8, day: 17 },
    url: null,
    author: "Mohamed Yosry",
    by: "analyst",
    text:
      "Summary: Written days after the fall of Kabul, this analysis weighs whether a Taliban government is a danger to Tehran. " +
      "It recounts a video released on 14 August 2021 in which Mahmoud Ahmadinejad claimed that Taliban leaders kept covert channels to a faction of Iran's security services, and an Iranian outlet's claim a day later naming two IRGC intelligence chiefs as that faction. " +
      "It lists past help: a Taliban leadership hub in Mashhad backed by the Guards, and Pentagon estimates of large yearly IRGC funding. " +
      "It also quotes the Taliban's spokesman in July 2021 calling Iran a neighbour it wants close ties with, and the movement's statement of grief when Qassem Soleimani was killed in January 2020.",
  },
  {
    key: "lwj-2009",
    title: "Iran and the Taliban",
    publisher: "lwj",
    kind: "REPORT",
    date: { year: 2009, month: 7 },
    url: "http://www.longwarjournal.org/archives/2009/07/iran_and_the_taliban.php",
    by: "analyst",
    text:
      "Summary: Drawing on Guantanamo files about the former Taliban governor Khairullah Khairkhwa, the article argues that Tehran and the Taliban were talking about arms and an open border before American forces arrived in late 2001. " +
      "It cites press accounts that Taliban and al-Qaeda fighters slipped into Iran in early 2002 to get away from US troops.",
  },
  {
    key: "guardian-2010",
    title: "Afghanistan war logs: Iran backing Taliban and al-Qaida",
    publisher: "guardian",
    kind: "NEWS_REPORT",
    date: { year: 2010, month: 7, day: 25 },
    url: "https://www.theguardian.com/world/2010/jul/25/iran-backing-taliban-alqaida-afghanistan",
    by: "analyst2",
    text:
      "Summary: A reading of leaked US military field reports that accuse Iran of helping insurgents. " +
      "One report from September 2005 says Taliban commanders met in Mashhad to plan attacks; one from May 2006 describes Hekmatyar's fighters preparing car bombs with vehicles partly bought in Iran; one from October 2006 says Iranians arranged for wounded Taliban to be taken to Tehran; one from April 2008 mentions Iranian parts for remote-controlled bombs meant for British troops in Sangin. " +
      "The paper stresses that the logs are raw intelligence and offer no corroboration.",
  },
  {
    key: "telegraph-2007",
    title: "Taliban use Iranian missiles on UK troops",
    publisher: "telegraph",
    kind: "NEWS_REPORT",
    date: { year: 2007, month: 5, day: 22 },
    url: "http://www.telegraph.co.uk/news/worldnews/1552311/Taliban-use-Iranian-missiles-on-UK-troops.html",
    by: "analyst",
    text: "Summary: Citing an unnamed senior army source, the paper reports that shoulder-fired SA-7 anti-aircraft missiles of Iranian supply have reached the Taliban, along with other arms passed on by Revolutionary Guards officers, and that British helicopters are the main concern.",
  },
  {
    key: "bbc-2007",
    title: "US officials say Iran is arming the Taleban",
    publisher: "bbc",
    kind: "NEWS_REPORT",
    date: { year: 2007, month: 6 },
    url: "http://news.bbc.co.uk/1/hi/world/south_asia/6750785.stm",
    by: "analyst",
    text: "Summary: American and European officials are quoted as saying that Iranian weapons deliveries to the Taleban, and to Shia militias in Iraq, had risen over the previous weeks, which they read as pressure on Western forces in both countries.",
  },
  {
    key: "rferl-2007",
    title: "U.S. raises Chinese arms reaching the Taliban through Iran",
    publisher: "rferl",
    kind: "NEWS_REPORT",
    date: { year: 2007, month: 9, day: 14 },
    url: "http://www.rferl.org/a/1078675.html",
    by: "analyst2",
    text: "Summary: John Negroponte said Washington had taken up with Beijing the Chinese weapons sold to Tehran that later turned up with Taliban fighters, after a cache of about ten tons was found in Herat province.",
  },
  {
    key: "bbc-2008",
    title: "Taleban 'getting Iranian weapons'",
    publisher: "bbc",
    kind: "NEWS_REPORT",
    date: { year: 2008, month: 9, day: 15 },
    url: "http://news.bbc.co.uk/1/hi/world/south_asia/7616429.stm",
    by: "analyst",
    text: "Summary: A BBC investigation spoke to Taleban fighters who said Iranian-made arms came to them both from parts of the Iranian state and through smugglers.",
  },
  {
    key: "guardian-2011",
    title: "Iranian rockets intercepted on way to Taliban in Nimruz",
    publisher: "guardian",
    kind: "NEWS_REPORT",
    date: { year: 2011, month: 3, day: 9 },
    url: "https://www.theguardian.com/world/2011/mar/09/iranian-rockets-afghanistan-taliban-nimruz",
    by: "analyst",
    text:
      "Summary: Western diplomats told the paper that on 5 February British special forces and Afghan soldiers stopped a convoy in Nimruz after a tip-off and found 48 rockets of 122mm calibre that would have let the Taliban strike from twice their usual distance. " +
      "Several Taliban died in the firefight. William Hague called Iran's conduct unacceptable.",
  },
  {
    key: "bbc-2011",
    title: "Hague condemns Iran over rockets bound for the Taliban",
    publisher: "bbc",
    kind: "NEWS_REPORT",
    date: { year: 2011, month: 3 },
    url: "http://www.bbc.co.uk/news/uk-12694266",
    by: "analyst2",
    text: "Summary: The Foreign Secretary said a consignment of rockets seized in Afghanistan in February had come from Iran and was meant for the Taliban; officials said fuses fitted to the rockets pointed to Iranian manufacture.",
  },
  {
    key: "wsj-2012",
    title: "Iran expands its role in Afghanistan",
    publisher: "wsj",
    kind: "NEWS_REPORT",
    date: { year: 2012, month: 8 },
    url: "https://www.wsj.com/articles/SB10000872396390444130304577560241242267700",
    by: "analyst",
    text: "Summary: Citing US and Afghan officials, the paper reports that Iran let a Taliban leadership figure open an office in Zahedan that spring and stepped up help to the insurgents, as a hedge against the US–Afghan partnership signed in April.",
  },
  {
    key: "telegraph-2012",
    title: "Taliban opens office in Iran",
    publisher: "telegraph",
    kind: "NEWS_REPORT",
    date: { year: 2012, month: 8, day: 1 },
    url: "http://www.telegraph.co.uk/news/worldnews/middleeast/iran/9444402/Taliban-opens-office-in-Iran.html",
    derivedFrom: "wsj-2012",
    by: "analyst",
    text: "Summary: Following the Wall Street Journal's story, the paper says a member of the Taliban's ruling council set up an office in Zahedan in May 2012, and that in July intercepted calls had Quds Force officers talking about sending anti-aircraft missiles to Afghanistan, with no sign that any were shipped.",
  },
  {
    key: "guardian-2015",
    title: "Taliban delegation makes official visit to Tehran",
    publisher: "guardian",
    kind: "NEWS_REPORT",
    date: { year: 2015, month: 5, day: 22 },
    url: "https://www.theguardian.com/world/iran-blog/2015/may/22/taliban-delegation-official-visit-tehran-iran-isis",
    by: "analyst2",
    text:
      "Summary: A team from the Taliban's Qatar office under Tayyab Agha held talks in Iran that week; Iranian officials denied it, but Iranian papers and the Taliban said it took place. " +
      "The paper recalls earlier visits, including Taliban attendance at a conference in Iran about two years before.",
  },
  {
    key: "wsj-2015",
    title: "Iran Backs Taliban With Cash and Arms",
    publisher: "wsj",
    kind: "NEWS_REPORT",
    date: { year: 2015, month: 6, day: 11 },
    url: "http://www.wsj.com/articles/iran-backs-taliban-with-cash-and-arms-1434065528",
    by: "analyst",
    text:
      "Summary: A Taliban commander interviewed by the paper says Iran pays his fighters and supplies their mortars, machine guns and explosives through hired smugglers. " +
      "The report dates closer ties to an invitation to a Tehran conference in June 2013, says Afghan officials saw training inside Iran by that autumn, and cites a 2014 Pentagon report on Guards deliveries since 2007. " +
      "Officials name four camps: Tehran, Mashhad, Zahedan and Kerman province.",
  },
  {
    key: "telegraph-2015",
    title: "Iran trains Taliban fighters in four camps",
    publisher: "telegraph",
    kind: "NEWS_REPORT",
    date: { year: 2015, month: 6 },
    url: "http://www.telegraph.co.uk/news/worldnews/asia/afghanistan/11672953/Iran-trains-Taliban-fighters-in-four-camps.html",
    derivedFrom: "wsj-2015",
    by: "analyst2",
    text: "Summary: A short follow-up of the Wall Street Journal's reporting on Taliban training camps run by Iran, adding no new witnesses of its own.",
  },
  {
    key: "bbc-persian-2016",
    title: "انتقاد غنی از حضور طالبان در ایران",
    publisher: "bbc-persian",
    kind: "NEWS_REPORT",
    date: { year: 2016, month: 4, day: 19 },
    url: "http://www.bbc.com/persian/afghanistan/2016/04/160419_kk_taliban_spring_war",
    language: "fa",
    by: "analyst2",
    text:
      "به گزارش بی‌بی‌سی فارسی، اشرف غنی حضور طالبان در مشهد و تهران را نزد مرتضی سرمدی محکوم کرد. " +
      "Summary: Citing a source close to the Afghan palace, BBC Persian says Ashraf Ghani complained to Iran's visiting deputy foreign minister, Morteza Sarmadi, about Taliban members living in Mashhad and Tehran. " +
      "The piece recalls that Tasnim had reported a trip to Tehran by Tayyab Agha (طیب آغا) the previous spring, and quotes an Afghan analyst on a so-called Mashhad council of the Taliban.",
  },
  {
    key: "guardian-2016",
    title: "Death of Mullah Mansoor highlights Taliban's links with Iran",
    publisher: "guardian",
    kind: "NEWS_REPORT",
    date: { year: 2016, month: 5, day: 23 },
    url: "http://www.theguardian.com/world/2016/may/23/death-of-mullah-mansoor-highlights-talibans-links-with-iran",
    by: "analyst",
    text:
      "Summary: Stamps in a passport recovered near the wreck of Mansour's car suggest he had been in Iran for about two months before the drone strike that killed him in Pakistan. " +
      "The article recalls leaked 2007 cables in which a US envoy told Hamid Karzai that Iranian interference was growing deadlier, and says Tehran now sees the Taliban as a counterweight to Islamic State.",
  },
  {
    key: "fp-2016",
    title: "Exclusive: Iran teams with Taliban to fight Islamic State in Afghanistan",
    publisher: "foreign-policy",
    kind: "NEWS_REPORT",
    date: { year: 2016, month: 5, day: 26 },
    url: "http://foreignpolicy.com/2016/05/26/exclusive-iran-teams-with-taliban-to-fight-islamic-state-in-afghanistan/",
    by: "analyst",
    text:
      "Summary: The magazine reports that Tehran is using Taliban units to slow the spread of Islamic State in Afghanistan and keep its fighters away from Iran's border. " +
      "Barnett Rubin tells it Iran's view of the Taliban shifted around 2007, when a lasting US military presence next door looked like a strategic threat.",
  },
  {
    key: "lwj-2016",
    title: "Analysis: Iran has supported the Taliban's insurgency since late 2001",
    publisher: "lwj",
    kind: "REPORT",
    date: { year: 2016, month: 5, day: 29 },
    url: "http://www.longwarjournal.org/archives/2016/05/analysis-iran-has-supported-the-talibans-insurgency-since-late-2001.php",
    by: "analyst2",
    text:
      "Summary: The analysis traces Iranian help to the Taliban back to a deal brokered by Khairullah Khairkhwa in October 2001, weeks before the Bonn conference where Iran was praised for helping form a new Afghan government. " +
      "It says Iran then gave shelter to Taliban leaders. " +
      "It lists US State Department findings that Iran had arranged arms shipments to chosen Taliban members since 2006, including a large delivery to Kandahar in 2012, and Treasury designations of Quds Force officers in August 2010, March 2012 and February 2014. " +
      "It notes the spokesman Zabihullah Mujahid admitted Mansour had been in Iran.",
  },
  {
    key: "al-monitor-2016",
    title: "Iran's marriage of convenience with the Taliban",
    publisher: "al-monitor",
    kind: "NEWS_REPORT",
    date: { year: 2016, month: 5, day: 31 },
    url: "http://www.al-monitor.com/pulse/originals/2016/05/iran-marriage-convenience-taliban-isis.html",
    by: "analyst",
    text: "Summary: Two former US officials interviewed by the site think reports of the Taliban building an anti-IS buffer on the Iranian border for Tehran go too far, since Islamic State is mostly in eastern Afghanistan; one calls the tie a pragmatic arrangement rather than an alliance.",
  },
  {
    key: "lwj-2016b",
    title: "Iran shuts down news site after reporting Taliban emir held talks with officials",
    publisher: "lwj",
    kind: "NEWS_REPORT",
    date: { year: 2016, month: 6, day: 16 },
    url: "http://www.longwarjournal.org/archives/2016/06/iran-shuts-down-news-site-after-reporting-taliban-emir-held-talks-with-officials.php",
    by: "analyst2",
    text: "Summary: Iranian authorities closed a website after it said Mansour had spent two months in Iran and discussed the Islamic State threat with officials there.",
  },
  {
    key: "tribune-2016",
    title: "Reaching out: Taliban move to claim diplomatic acceptability",
    publisher: "express-tribune",
    kind: "NEWS_REPORT",
    date: { year: 2016, month: 10, day: 17 },
    url: "http://tribune.com.pk/story/1200348/reaching-taliban-move-claim-diplomatic-acceptability/",
    by: "analyst",
    text: "Summary: Taliban sources told the paper that a cool reception in Arab capitals pushed the movement towards Tehran, and that a three-man military team led by Ibrahim Sadr travelled there that year hoping for arms. Iran has never officially confirmed such visits.",
  },
  {
    key: "voa-2016",
    title: "Afghan Senate to probe Iran and Russia ties to the Taliban",
    publisher: "voa",
    kind: "NEWS_REPORT",
    date: { year: 2016, month: 12 },
    url: "http://www.voanews.com/a/afghanistan-iran-russia-taliban/3624592.html",
    by: "analyst2",
    text:
      "Summary: On 5 December the Afghan Senate announced an inquiry into military links between the Taliban, Iran and Russia. " +
      "Farah's governor said families of Taliban leaders live in Iran and that the bodies of fighters killed in his province were sent back there.",
  },
  {
    key: "the-news-2016",
    title: "Afghan Senate confirms Iranian support to Taliban",
    publisher: "the-news",
    kind: "NEWS_REPORT",
    date: { year: 2016, month: 12, day: 9 },
    url: "https://www.thenews.com.pk/print/170846-Afghan-Senate-confirms-Iranian-support-to-Taliban",
    derivedFrom: "voa-2016",
    by: "analyst",
    text: "Summary: Retelling the Senate story, the paper adds that Iran's foreign ministry spokesman rejected as baseless the claims that Taliban members live in Iran.",
  },
  {
    key: "mehr-2016",
    title: "Araki: some Taliban figures are invited to the unity conference",
    publisher: "mehr",
    kind: "NEWS_REPORT",
    date: { year: 2016, month: 12, day: 13 },
    url: "http://www.mehrnews.com/news/3849231/",
    language: "fa",
    by: "analyst2",
    text: "Summary: At a press conference, Mohsen Araki (محسن اراکی) said people from the Taliban who favour Muslim unity had been asked to the International Islamic Unity Conference in Tehran, and that Iran talks to some Taliban currents.",
  },
  {
    key: "al-arabiya-2016",
    title: "Iran hosts Taliban leaders at a conference in Tehran",
    publisher: "al-arabiya",
    kind: "NEWS_REPORT",
    date: { year: 2016, month: 12, day: 14 },
    url: "https://english.alarabiya.net/en/News/middle-east/2016/12/14/Iran-hosts-Taliban-leaders-at-a-conference-in-Tehran.html",
    derivedFrom: "mehr-2016",
    by: "analyst",
    text: "Summary: Based on Mehr's account, the channel reports that Tehran is openly inviting Taliban figures to its unity conference after years of denying direct contact, two days after its ambassador in Kabul spoke of talks with the movement.",
  },
  {
    key: "al-monitor-2016b",
    title: "Iran's Islamic unity conference and the Taliban",
    publisher: "al-monitor",
    kind: "NEWS_REPORT",
    date: { year: 2016, month: 12, day: 14 },
    url: "http://www.al-monitor.com/pulse/originals/2016/12/iran-islamic-unity-conference-rouhani-shiite-crescent.html",
    by: "analyst",
    text: "Summary: The site notes that on 10 December Iran's ambassador in Kabul, Mohammad Reza Bahrami, described Tehran's dealings with the Taliban as contacts for control and intelligence rather than a relationship, and said Iran hoped to help bring about talks between Kabul and the insurgents.",
  },
  {
    key: "rferl-2017",
    title: "Helmand governor says Iranians and Pakistanis met Taliban",
    publisher: "rferl",
    kind: "NEWS_REPORT",
    date: { year: 2017, month: 1, day: 23 },
    url: "http://www.rferl.org/a/28250806.html",
    by: "analyst2",
    text: "Summary: Hayatullah Hayat told Radio Azadi on 22 January that Iranian and Pakistani visitors had met Taliban fighters in Garmsir, that Afghan intelligence had confirmed it, and that rockets marked as Iranian were found after an attack on Lashkar Gah.",
  },
  {
    key: "voa-2017",
    title: "Afghan leaders believe Iran uses Taliban to target projects",
    publisher: "voa",
    kind: "NEWS_REPORT",
    date: { year: 2017, month: 1, day: 23 },
    url: "http://www.voanews.com/a/water-afghan-leaders-believe-iran-uses-taliban-to-target-projects/3689059.html",
    by: "analyst",
    text:
      "Summary: Governors in the south and west accuse Iran of steering the Taliban against dams and power lines so that more Helmand river water reaches Iran. " +
      "Hayatullah Hayat, citing classified intelligence, says Guards elements give the insurgents advanced weapons and that Iranian intelligence officers met local Taliban commanders in Garmsir.",
  },
  {
    key: "sputnik-2017",
    title: "Russia welcomes Iran's role in Afghan government–Taliban dialogue",
    publisher: "sputnik",
    kind: "NEWS_REPORT",
    date: { year: 2017, month: 3, day: 28 },
    url: "https://sputniknews.com/politics/201703281052048191-afghanistan-iran-dialogue/",
    by: "analyst2",
    text: "Summary: After meeting Hassan Rouhani, Vladimir Putin said Moscow supports Iran helping to open direct talks between Kabul and the Taliban.",
  },
  {
    key: "gandhara-2017",
    title: "Iran's Taliban strategy",
    publisher: "rferl",
    kind: "REPORT",
    date: { year: 2017, month: 3, day: 30 },
    url: "http://gandhara.rferl.org/a/28399944.html",
    by: "analyst",
    text:
      "Summary: The essay describes how two enemies became partners. It says nine Iranian diplomats died when the Taliban retook Mazar-e-Sharif, which it dates to September 1998, after which Iran put some 200,000 soldiers and 70,000 Guards near the border. " +
      "A former Taliban minister is quoted as saying Tehran was behind a truck bomb at Mullah Omar's Kandahar home in August 1999. " +
      "It recounts that the commander Haji Lala was invited to Iran by Sepah (سپاه) in 2009, that ties grew quickly once Akhtar Mansour formally led the movement from July 2015, that Iran helped set up two camps in Sistan and Baluchestan by the end of that year, and that Tayyab Agha quit the Qatar office in August 2015.",
  },
  {
    key: "gandhara-2017b",
    title: "Afghan official says Iran involved in fall of Taywara district",
    publisher: "rferl",
    kind: "NEWS_REPORT",
    date: { year: 2017, month: 7, day: 25 },
    url: "https://gandhara.rferl.org/a/afghanistan-iran-taliban-aid/28641841.html",
    by: "analyst2",
    text: "Summary: An Afghan official claimed on 25 July that Iran had a hand in the fighting in Ghor, where the Taliban captured Taywara district two days earlier.",
  },
  {
    key: "nyt-2017",
    title: "Iran's covert support for the Taliban in western Afghanistan",
    publisher: "nyt",
    kind: "NEWS_REPORT",
    date: { year: 2017, month: 8, day: 5 },
    url: "https://www.nytimes.com/2017/08/05/world/asia/iran-afghanistan-taliban.html",
    by: "analyst",
    text:
      "Summary: Reporting from Farah, the paper says Afghan officials concluded that Iran stood behind the Taliban assault that besieged the city for three weeks the previous October, pointing to four Iranian commandos among the dead. " +
      "It describes Iranian money, arms, training, fuel and refuge for Taliban units, and recruitment among Afghan refugees in Iran.",
  },
  {
    key: "mei-2017",
    title: "Top Afghan military official: We have evidence Iran provides weapons to Taliban",
    publisher: "mei",
    kind: "NEWS_REPORT",
    date: { year: 2017, month: 9, day: 6 },
    url: "https://www.mei.edu/content/io/top-afghan-military-official-we-have-evidence-iran-provides-weapons-taliban",
    by: "analyst2",
    text: "Summary: General Mohammad Sharif Yaftali told BBC Persian that Kabul holds evidence of Iranian weapons reaching the Taliban in the west, and that President Ghani had raised it with Hassan Rouhani in Tehran the month before.",
  },
  {
    key: "mei-2018",
    title: "Afghans see Iran's hand in Taliban's latest gains in western Afghanistan",
    publisher: "mei",
    kind: "NEWS_REPORT",
    date: { year: 2018, month: 3, day: 14 },
    url: "http://www.mei.edu/content/article/io/afghans-see-iran-s-hand-taliban-s-latest-gains-western-afghanistan",
    by: "analyst",
    text: "Summary: After the Taliban briefly held a district of Farah on Monday, Afghan officials blamed the IRGC for helping them. Outlets linked to the Guards now cheer the Taliban openly, saying they keep Islamic State away from Iran.",
  },
  {
    key: "nyt-2020",
    title: "Al Qaeda's No. 2, accused in U.S. embassy attacks, was killed in Iran",
    publisher: "nyt",
    kind: "NEWS_REPORT",
    date: { year: 2020, month: 11, day: 13 },
    url: "https://www.nytimes.com/2020/11/13/world/middleeast/al-masri-abdullah-qaeda-dead.html",
    by: "analyst2",
    text:
      "Summary: Citing intelligence officials, the paper reports that Abu Muhammad al-Masri, al-Qaeda's second-ranking leader, was shot dead in a Tehran street on 7 August 2020 by Israeli agents acting at American urging. " +
      "Iran's government denied that any al-Qaeda leaders were on its soil.",
  },
  {
    key: "white-house-2022",
    title: "Remarks by President Biden on a successful counterterrorism operation in Afghanistan",
    publisher: "white-house",
    kind: "OFFICIAL_STATEMENT",
    date: { year: 2022, month: 8, day: 1 },
    url: "https://www.whitehouse.gov/briefing-room/speeches-remarks/2022/08/01/remarks-by-president-biden-on-a-successful-counterterrorism-operation-in-afghanistan/",
    by: "analyst",
    text: "Summary: The President announces that a US strike in Kabul over the weekend killed Ayman al-Zawahiri, and says his presence in the capital broke the Taliban's commitments at Doha.",
  },
  {
    key: "un-2023",
    title: "Thirty-first report of the Analytical Support and Sanctions Monitoring Team (S/2023/95)",
    publisher: "un-monitoring-team",
    kind: "REPORT",
    date: { year: 2023, month: 2 },
    url: "https://undocs.org/S/2023/95",
    by: "analyst2",
    text: "Summary: Member States told the UN monitors that most of them regard Saif al-Adel as al-Qaeda's leader in practice since Zawahiri's death, and that he is based in Iran; the group had not formally named a successor.",
  },
];
