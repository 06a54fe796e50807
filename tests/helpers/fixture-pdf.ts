import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PDFDocument, StandardFonts, type PDFFont } from "pdf-lib";

/**
 * Builds tests/fixtures/research-note.pdf: a short research note laid out as
 * a typesetter would, so its text layer has what real PDFs have and pasted
 * text does not: every line of a paragraph wrapped at the page width, and a
 * running header (with the page number) at the top of every page.
 *
 * The same input always gives the same bytes (fixed dates, no generated ids),
 * so the committed file can be checked against a fresh build. After changing
 * this file, rewrite it with `npx tsx tests/helpers/fixture-pdf.ts`.
 */

export const RESEARCH_NOTE = {
  title: "Neighbours of necessity: Iran and the Taliban, 1996-2016",
  author: "Borderlands Institute",
  /** Printed at the top of every page, followed by "page N of M". */
  header: "Borderlands Institute - Research Note 7 - June 2016",
  paragraphs: [
    "Summary. Iran and the Taliban began as enemies and have become working partners. This note traces how the relationship changed, what each side gains from it, and what would end it. It draws on press reports, official statements and interviews with officials in Kabul and Herat.",
    "1. Enemies. When the Taliban took Kabul in 1996, Tehran saw a Sunni movement backed by its rivals on its eastern border. In the late 1990s it armed the commanders of the north against them, and after Taliban fighters killed Iranian diplomats in Mazar-i-Sharif in 1998 the two sides came close to open war. Iran moved tens of thousands of troops to the border that autumn.",
    "2. A quiet turn. After 2001 Tehran first helped the coalition that removed the Taliban, then grew alarmed as American bases appeared on two of its borders. From about 2005, officials in Kabul began to report Iranian contacts with Taliban commanders in the west, and by the end of the decade the contacts included money and arms.",
    "3. Arms and money. Iranian-made mortar rounds, rockets and explosives were found in western Afghanistan in 2011 and 2012. In March 2011 a convoy stopped in Nimruz carried rockets that would have doubled the range of Taliban attacks. Afghan officials say that payments to some commanders in Farah and Herat continued into 2015, and that a liaison office in Mashhad handled them.",
    "4. Open contacts. In May 2015 a Taliban delegation from the Qatar office visited Tehran, and Iranian officials stopped denying that they spoke to the movement. The Taliban leader killed by a drone on 21 May 2016 had spent close to two months in Iran before his death, according to stamps in the passport found beside him.",
    "5. What each side wants. Iran wants a quiet border, a share of the water of the Helmand, protection for the Shia minority, and no room for the Islamic State; it counts the Taliban as the force most able to deny the Islamic State ground in the west. The Taliban want a safe rear, a channel to a regional power that is not Pakistan, and a market for the goods that cross at Islam Qala.",
    "6. Outlook. The partnership is narrow and both sides know it. A Taliban government that persecuted the Hazaras, or a defeat of the Islamic State that removed the common enemy, would test it quickly. For now each side expects to need the other for some years, and each keeps its distance in public.",
  ],
} as const;

// A5, so that a short note still runs to several pages.
const PAGE = { width: 420, height: 595, margin: 50 };
const BODY = { size: 11, leading: 15 };
const HEADER = { size: 8, y: PAGE.height - 30 };
const FIXED_DATE = new Date("2016-06-30T12:00:00Z");

/** Greedy line breaking at spaces, as wide as the text column allows. */
function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

export async function buildResearchNotePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(RESEARCH_NOTE.title);
  doc.setAuthor(RESEARCH_NOTE.author);
  doc.setCreator(RESEARCH_NOTE.author);
  doc.setProducer("pdf-lib");
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const column = PAGE.width - 2 * PAGE.margin;
  const top = PAGE.height - PAGE.margin - 10;

  // Lay the lines out first: the header names the page count.
  type Line = { text: string; font: PDFFont; size: number; y: number };
  const pages: Line[][] = [[]];
  let y = top;
  const place = (text: string, f: PDFFont, size: number, gapAfter = 0) => {
    if (y < PAGE.margin) {
      pages.push([]);
      y = top;
    }
    pages.at(-1)!.push({ text, font: f, size, y });
    y -= BODY.leading + gapAfter;
  };
  for (const line of wrap(RESEARCH_NOTE.title, bold, 14, column)) place(line, bold, 14, 4);
  y -= BODY.leading;
  for (const paragraph of RESEARCH_NOTE.paragraphs) {
    const lines = wrap(paragraph, font, BODY.size, column);
    lines.forEach((line, i) => place(line, font, BODY.size, i === lines.length - 1 ? 8 : 0));
  }

  pages.forEach((lines, i) => {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    page.drawText(`${RESEARCH_NOTE.header} - page ${i + 1} of ${pages.length}`, {
      x: PAGE.margin,
      y: HEADER.y,
      size: HEADER.size,
      font,
    });
    for (const line of lines) page.drawText(line.text, { x: PAGE.margin, y: line.y, size: line.size, font: line.font });
  });
  return doc.save({ useObjectStreams: false });
}

export const RESEARCH_NOTE_PDF = fileURLToPath(new URL("../fixtures/research-note.pdf", import.meta.url));

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(RESEARCH_NOTE_PDF, await buildResearchNotePdf());
  console.log(`wrote ${RESEARCH_NOTE_PDF}`);
}
