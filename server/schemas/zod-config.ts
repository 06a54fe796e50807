import { config } from "zod";

/**
 * zod's browser setting, loaded by every schema module before it builds a
 * schema. In the browser zod would probe `new Function` to speed up parsing;
 * the page's Content-Security-Policy forbids eval, and the refused probe is
 * reported as a violation. Forms parse small inputs: the plain parser is
 * enough. Set here, where zod is first loaded, rather than in the app's
 * providers, so pages that parse nothing (the chronology) do not download zod.
 * (Only the setting lives here: re-exporting zod's `z` from a module of ours
 * would keep the whole namespace, locales included, in every page's bundle.)
 */
if (typeof window !== "undefined") config({ jitless: true });
