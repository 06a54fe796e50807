/**
 * Actors, places and publishers of the demo, with the other spellings analysts
 * meet in the material (transliterations, acronyms, Persian script), so search
 * and the importer recognise them whichever way a document writes them.
 */
export type DemoEntity = {
  key: string;
  name: string;
  kind: "PERSON" | "ORGANIZATION" | "PLACE" | "OTHER";
  aliases: string[];
  description?: string;
};

export const DEMO_ENTITIES: DemoEntity[] = [
  // Countries and movements.
  { key: "iran", name: "Iran", kind: "PLACE", aliases: ["Islamic Republic of Iran", "ایران"] },
  { key: "afghanistan", name: "Afghanistan", kind: "PLACE", aliases: ["Islamic Republic of Afghanistan", "افغانستان"] },
  {
    key: "taliban",
    name: "Taliban",
    kind: "ORGANIZATION",
    aliases: ["Islamic Emirate of Afghanistan", "Afghan Taliban", "Taleban", "طالبان"],
  },
  { key: "al-qaeda", name: "al-Qaeda", kind: "ORGANIZATION", aliases: ["al Qaeda", "al-Qaida", "al Qaida", "القاعدة"] },
  {
    key: "irgc",
    name: "Islamic Revolutionary Guard Corps",
    kind: "ORGANIZATION",
    aliases: ["IRGC", "Sepah", "Pasdaran", "Sepah-e Pasdaran", "Revolutionary Guards", "سپاه پاسداران"],
    description: "Iran's ideological armed force; its external arm is the Quds Force.",
  },
  {
    key: "quds-force",
    name: "Quds Force",
    kind: "ORGANIZATION",
    aliases: ["IRGC-QF", "Qods Force", "IRGC Quds Force", "نیروی قدس"],
    description: "The IRGC's branch for operations abroad.",
  },
  {
    key: "islamic-state-khorasan",
    name: "Islamic State Khorasan Province",
    kind: "ORGANIZATION",
    aliases: ["ISKP", "IS-K", "ISIL-KP"],
  },
  {
    key: "afghan-government",
    name: "Afghan government",
    kind: "ORGANIZATION",
    aliases: ["Government of Afghanistan", "Kabul government"],
  },
  { key: "afghan-senate", name: "Afghan Senate", kind: "ORGANIZATION", aliases: ["Meshrano Jirga"] },
  {
    key: "us-treasury",
    name: "US Department of the Treasury",
    kind: "ORGANIZATION",
    aliases: ["US Treasury", "Treasury Department"],
  },
  {
    key: "us-state",
    name: "US Department of State",
    kind: "ORGANIZATION",
    aliases: ["State Department", "Foggy Bottom"],
  },
  { key: "us-defense", name: "US Department of Defense", kind: "ORGANIZATION", aliases: ["Pentagon", "DoD"] },
  {
    key: "un-monitoring-team",
    name: "UN Analytical Support and Sanctions Monitoring Team",
    kind: "ORGANIZATION",
    aliases: ["UN Monitoring Team", "1267 Monitoring Team"],
  },
  { key: "white-house", name: "The White House", kind: "ORGANIZATION", aliases: ["White House"] },

  // People.
  {
    key: "tayyab-agha",
    name: "Tayyab Agha",
    kind: "PERSON",
    aliases: ["Tayyib Agha", "Syed Tayyab Agha", "Mohammad Tayyab Agha", "Tayeb Agha", "طیب آغا"],
    description: "Head of the Taliban's Qatar office until August 2015.",
  },
  {
    key: "mujahid",
    name: "Zabihullah Mujahid",
    kind: "PERSON",
    aliases: ["Zabiullah Mujahid", "Zabihullah Mujahed", "ذبیح‌الله مجاهد"],
    description: "The Taliban's chief spokesman.",
  },
  {
    key: "mansour",
    name: "Akhtar Mohammad Mansour",
    kind: "PERSON",
    aliases: ["Mullah Mansour", "Mullah Mansoor", "Akhtar Mansur", "ملا اختر محمد منصور"],
    description: "Taliban leader from July 2015 until his death in May 2016.",
  },
  {
    key: "omar",
    name: "Mullah Mohammad Omar",
    kind: "PERSON",
    aliases: ["Mullah Omar", "ملا عمر"],
    description: "Founding leader of the Taliban.",
  },
  { key: "khairkhwa", name: "Khairullah Khairkhwa", kind: "PERSON", aliases: ["Khairullah Khairkhah"] },
  {
    key: "saif-al-adel",
    name: "Saif al-Adel",
    kind: "PERSON",
    aliases: ["Saif al-Adl", "Sayf al-Adl", "سيف العدل"],
    description: "Senior al-Qaeda figure reported to live in Iran.",
  },
  { key: "zawahiri", name: "Ayman al-Zawahiri", kind: "PERSON", aliases: ["Ayman al Zawahiri", "al-Zawahri"] },
  {
    key: "al-masri",
    name: "Abu Muhammad al-Masri",
    kind: "PERSON",
    aliases: ["Abdullah Ahmed Abdullah", "Abu Mohammed al-Masri"],
  },
  { key: "ibrahim-sadr", name: "Ibrahim Sadr", kind: "PERSON", aliases: ["Ibrahim Sadar", "Abdul Rahim Sadr"] },
  { key: "ahmadinejad", name: "Mahmoud Ahmadinejad", kind: "PERSON", aliases: ["Ahmadinejad", "محمود احمدی‌نژاد"] },
  {
    key: "soleimani",
    name: "Qassem Soleimani",
    kind: "PERSON",
    aliases: ["Qasem Soleimani", "Ghasem Soleimani", "قاسم سلیمانی"],
  },
  { key: "ghani", name: "Ashraf Ghani", kind: "PERSON", aliases: ["اشرف غنی"] },
  {
    key: "bahrami",
    name: "Mohammad Reza Bahrami",
    kind: "PERSON",
    aliases: ["Mohammad Reza Behrami"],
    description: "Iran's ambassador in Kabul in 2016.",
  },
  { key: "hayat", name: "Hayatullah Hayat", kind: "PERSON", aliases: [], description: "Governor of Helmand in 2017." },
  { key: "baghbani", name: "Gholamreza Baghbani", kind: "PERSON", aliases: [] },
  {
    key: "hanning",
    name: "August Hanning",
    kind: "PERSON",
    aliases: [],
    description: "Former head of Germany's BND, later deputy interior minister.",
  },
  { key: "araki", name: "Mohsen Araki", kind: "PERSON", aliases: ["Ayatollah Araki"] },
  { key: "yaftali", name: "Mohammad Sharif Yaftali", kind: "PERSON", aliases: ["Sharif Yaftali"] },
  { key: "shaheen", name: "Suhail Shaheen", kind: "PERSON", aliases: ["Sohail Shaheen"] },

  // Places.
  { key: "mashhad", name: "Mashhad", kind: "PLACE", aliases: ["Mashad", "Meshed", "مشهد"] },
  { key: "mazar", name: "Mazar-i-Sharif", kind: "PLACE", aliases: ["Mazar-e Sharif", "Mazar-e-Sharif", "مزار شریف"] },
  { key: "tehran", name: "Tehran", kind: "PLACE", aliases: ["Teheran", "تهران"] },
  { key: "kabul", name: "Kabul", kind: "PLACE", aliases: ["کابل"] },
  { key: "kandahar", name: "Kandahar", kind: "PLACE", aliases: ["Qandahar", "قندهار"] },
  { key: "zahedan", name: "Zahedan", kind: "PLACE", aliases: ["زاهدان"] },
  { key: "herat", name: "Herat", kind: "PLACE", aliases: ["هرات"] },
  { key: "farah", name: "Farah", kind: "PLACE", aliases: ["Farah province", "فراه"] },
  { key: "nimruz", name: "Nimruz", kind: "PLACE", aliases: ["Nimroz", "نیمروز"] },
  { key: "helmand", name: "Helmand", kind: "PLACE", aliases: ["Helmand province", "هلمند"] },
  { key: "garmsir", name: "Garmsir", kind: "PLACE", aliases: ["Garmser"] },
  { key: "ghor", name: "Ghor", kind: "PLACE", aliases: ["Ghowr"] },
  {
    key: "sistan-baluchestan",
    name: "Sistan and Baluchestan",
    kind: "PLACE",
    aliases: ["Sistan-Baluchistan", "سیستان و بلوچستان"],
  },
  { key: "kerman", name: "Kerman", kind: "PLACE", aliases: ["کرمان"] },
  { key: "islam-qala", name: "Islam Qala", kind: "PLACE", aliases: ["Islam Qala border crossing"] },
  { key: "doha", name: "Doha", kind: "PLACE", aliases: ["Qatar office"] },
  { key: "bonn", name: "Bonn", kind: "PLACE", aliases: [] },
  { key: "islamabad", name: "Islamabad", kind: "PLACE", aliases: [] },
  { key: "balochistan-pk", name: "Balochistan (Pakistan)", kind: "PLACE", aliases: ["Baluchistan"] },

  // Publishers (rated for reliability as origins).
  { key: "reuters", name: "Reuters", kind: "ORGANIZATION", aliases: ["Thomson Reuters"] },
  { key: "asharq", name: "Asharq Al-Awsat", kind: "ORGANIZATION", aliases: ["Asharq al-Awsat", "الشرق الأوسط"] },
  { key: "bbc", name: "BBC News", kind: "ORGANIZATION", aliases: ["BBC"] },
  { key: "bbc-persian", name: "BBC Persian", kind: "ORGANIZATION", aliases: ["بی‌بی‌سی فارسی"] },
  { key: "guardian", name: "The Guardian", kind: "ORGANIZATION", aliases: ["Guardian"] },
  { key: "telegraph", name: "The Daily Telegraph", kind: "ORGANIZATION", aliases: ["The Telegraph", "Telegraph"] },
  { key: "wsj", name: "The Wall Street Journal", kind: "ORGANIZATION", aliases: ["Wall Street Journal", "WSJ"] },
  { key: "nyt", name: "The New York Times", kind: "ORGANIZATION", aliases: ["New York Times", "NYT"] },
  { key: "lwj", name: "FDD's Long War Journal", kind: "ORGANIZATION", aliases: ["Long War Journal", "LWJ"] },
  {
    key: "rferl",
    name: "Radio Free Europe/Radio Liberty",
    kind: "ORGANIZATION",
    aliases: ["RFE/RL", "Gandhara", "Radio Azadi"],
  },
  { key: "voa", name: "Voice of America", kind: "ORGANIZATION", aliases: ["VOA"] },
  { key: "foreign-policy", name: "Foreign Policy", kind: "ORGANIZATION", aliases: ["FP"] },
  { key: "al-monitor", name: "Al-Monitor", kind: "ORGANIZATION", aliases: ["Al Monitor"] },
  { key: "express-tribune", name: "The Express Tribune", kind: "ORGANIZATION", aliases: ["Express Tribune"] },
  { key: "the-news", name: "The News International", kind: "ORGANIZATION", aliases: ["The News"] },
  { key: "al-arabiya", name: "Al Arabiya", kind: "ORGANIZATION", aliases: ["Al Arabiya English", "العربية"] },
  { key: "mehr", name: "Mehr News Agency", kind: "ORGANIZATION", aliases: ["Mehr", "خبرگزاری مهر"] },
  { key: "mei", name: "Middle East Institute", kind: "ORGANIZATION", aliases: ["MEI"] },
  { key: "sputnik", name: "Sputnik", kind: "ORGANIZATION", aliases: ["Sputnik News"] },
  { key: "the-hill", name: "The Hill", kind: "ORGANIZATION", aliases: [] },
  {
    key: "cemo",
    name: "CEMO Center",
    kind: "ORGANIZATION",
    aliases: ["Centre des études du Moyen-Orient", "The Reference"],
  },
];
