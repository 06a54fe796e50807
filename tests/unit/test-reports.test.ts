import { describe, expect, it } from "vitest";
import { failureLine, playwrightCounts, vitestCount } from "../helpers/test-reports.ts";

/** `npm test` names what failed under its summary, read from the runners' own JSON reports. */
describe("the test run's reports", () => {
  it("keeps a failure's name and the first lines of its error, without colour codes or blank lines", () => {
    const message = "\u001b[31mAssertionError: expected 2 to be 1\u001b[39m\n\n  at one\n  at two\n3\n4\n5\n6\n7";
    expect(failureLine("a › b", message)).toBe(
      [
        "a › b",
        "    AssertionError: expected 2 to be 1",
        "      at one",
        "      at two",
        "    3",
        "    4",
        "    5",
      ].join("\n"),
    );
    expect(failureLine("a file", undefined)).toBe("a file");
  });

  it("names each failed vitest test by file and full name, and a file that failed outside its tests", () => {
    const count = vitestCount(
      {
        numPassedTests: 3,
        numFailedTests: 1,
        numTotalTests: 4,
        testResults: [
          {
            name: "/repo/tests/integration/a.test.ts",
            status: "failed",
            assertionResults: [
              { fullName: "exports counts", status: "failed", failureMessages: ["expected 1 to be 2"] },
              { fullName: "exports bytes", status: "passed" },
            ],
          },
          { name: "/repo/tests/integration/b.test.ts", status: "failed", message: "Cannot find module x" },
          { name: "/repo/tests/integration/c.test.ts", status: "passed", assertionResults: [] },
        ],
      },
      "/repo",
    );
    expect(count).toEqual({
      passed: 3,
      failed: 2,
      skipped: 0,
      total: 4,
      failures: [
        "tests/integration/a.test.ts › exports counts\n    expected 1 to be 2",
        "tests/integration/b.test.ts\n    Cannot find module x",
      ],
    });
  });

  it("counts Playwright's tests per project, a flaky one as failed, and names it with its first error", () => {
    const counts = playwrightCounts(
      [
        {
          suites: [
            {
              specs: [
                {
                  title: "an analyst votes",
                  file: "votes.spec.ts",
                  line: 8,
                  tests: [
                    { projectName: "desktop", status: "expected" },
                    { projectName: "phone", status: "skipped" },
                  ],
                },
                {
                  title: "a reviewer approves",
                  file: "review.spec.ts",
                  line: 15,
                  tests: [
                    {
                      projectName: "desktop",
                      status: "flaky",
                      results: [{ error: { message: "Timed out waiting for the button" } }, {}],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
      "tests/e2e",
    );
    expect(Object.fromEntries(counts)).toEqual({
      desktop: {
        passed: 1,
        failed: 1,
        skipped: 0,
        failures: ["[desktop] tests/e2e/review.spec.ts:15 › a reviewer approves\n    Timed out waiting for the button"],
      },
      phone: { passed: 0, failed: 0, skipped: 1, failures: [] },
    });
  });
});
