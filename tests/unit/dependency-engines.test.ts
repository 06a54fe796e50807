import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

/**
 * The app runs on Node 20 (package.json "engines"). A dependency whose own
 * "engines" leaves Node 20 out may work today and break on its next patch, so
 * every direct dependency, installed, must declare support for the oldest
 * Node the app promises (or declare nothing).
 */
const root = path.resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
  engines: { node: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const oldestNode = semver.minVersion(pkg.engines.node)!.version;

describe("dependencies and the Node version the app promises", () => {
  it(`every direct dependency supports Node ${oldestNode}`, () => {
    const names = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    expect(names.length).toBeGreaterThan(10);
    const refused = names.flatMap((name) => {
      const installed = JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")) as {
        version: string;
        engines?: { node?: string };
      };
      const range = installed.engines?.node;
      return range && !semver.satisfies(oldestNode, range) ? [`${name}@${installed.version} needs Node ${range}`] : [];
    });
    expect(refused).toEqual([]);
  });
});
