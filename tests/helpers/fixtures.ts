import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/**
 * The articles in tests/fixtures/, written for the tests (tests/fixtures/README.md
 * lists what each one exercises). They are part of the repository, so every
 * suite that reads them runs in a fresh clone.
 */
export const FIXTURES = {
  wire: "wire-report.txt",
  opinion: "opinion-piece.txt",
  dossier: "blogger-dossier.txt",
  derived: "derived-report.txt",
  page: "article-page.html",
  pdf: "research-note.pdf",
} as const;

export type FixtureName = (typeof FIXTURES)[keyof typeof FIXTURES];

/** The plain-text articles, as an upload or a paste would bring them. */
export const TEXT_FIXTURES = [FIXTURES.wire, FIXTURES.opinion, FIXTURES.dossier, FIXTURES.derived] as const;

export const fixturePath = (name: FixtureName) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
export const readFixture = (name: FixtureName) => readFileSync(fixturePath(name), "utf8");
export const readFixtureBytes = (name: FixtureName) => new Uint8Array(readFileSync(fixturePath(name)));
