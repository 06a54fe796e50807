import type { Role } from "../../server/policy.ts";

/** Accounts, password and workspace of the demo. E2E tests sign in with these. */
export const DEMO_PASSWORD = "dossier-demo";
export const DEMO_WORKSPACE = {
  slug: "iran-taliban-al-qaeda",
  name: "Iran, the Taliban and al-Qaeda",
  description:
    "Relations between Iran, the Taliban and al-Qaeda since 1998: a sourced chronology, reliability ratings and briefings.",
};

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role }[] = [
  { email: "admin@dossier.local", name: "Amina Admin", role: "ADMIN" },
  { email: "reviewer@dossier.local", name: "Rostam Reviewer", role: "REVIEWER" },
  { email: "analyst@dossier.local", name: "Ana Analyst", role: "ANALYST" },
  { email: "analyst2@dossier.local", name: "Bijan Analyst", role: "ANALYST" },
  { email: "viewer@dossier.local", name: "Vera Viewer", role: "VIEWER" },
];

/** Short names the data modules use for the accounts. */
export const BY = {
  admin: "admin@dossier.local",
  reviewer: "reviewer@dossier.local",
  analyst: "analyst@dossier.local",
  analyst2: "analyst2@dossier.local",
} as const;
export type Author = keyof typeof BY;
