import { z } from "zod";

/**
 * zod as every schema and form imports it. In the browser zod would probe
 * `new Function` to speed up parsing; the page's Content-Security-Policy
 * forbids eval, and the refused probe is reported as a violation. Forms parse
 * small inputs: the plain parser is enough. Configured here, where zod is
 * first loaded, rather than in the app's providers, so pages that parse
 * nothing (the chronology) do not download zod at all.
 */
if (typeof window !== "undefined") z.config({ jitless: true });

export { z };
