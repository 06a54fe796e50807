import { Resvg } from "@resvg/resvg-js";
import { fontFiles } from "./compile.ts";

/**
 * A figure's SVG as a PNG, rendered with the PDF's own font files (never the
 * machine's), so the picture and its Persian labels look as they do in the
 * PDF. Twice the SVG's size, for screens and slides. A figure is a few hundred
 * marks at most (what one briefing cites), a few tens of milliseconds.
 */
export async function svgToPng(svg: string): Promise<Uint8Array<ArrayBuffer>> {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: 2 },
    background: "#ffffff",
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: "Source Serif 4" },
  });
  const png = resvg.render().asPng();
  return new Uint8Array(png);
}
