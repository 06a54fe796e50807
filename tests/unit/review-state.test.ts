import { describe, expect, it } from "vitest";
import {
  checkTransition,
  REVIEW_ACTIONS,
  REVIEW_STATUSES,
  ROLES,
  type ReviewAction,
  type ReviewStatus,
  type Role,
} from "../../server/policy.ts";

/**
 * Every status × action × role × (author or not), against a table written out
 * from the review rule in README.md ("Four-eyes review" under "What it does"),
 * not from server/policy.ts, which it checks.
 */
function expected(status: ReviewStatus, action: ReviewAction, role: Role, isAuthor: boolean): string {
  const contributor = role !== "VIEWER";
  const reviewer = role === "REVIEWER" || role === "ADMIN";
  switch (action) {
    case "submit":
      if (!contributor) return "role";
      return ["DRAFT", "CHANGES_REQUESTED", "REJECTED"].includes(status) ? "PENDING" : "state";
    case "withdraw":
      if (status !== "PENDING") return "state";
      return isAuthor ? "DRAFT" : "not-author";
    default:
      if (!reviewer) return "role";
      if (status !== "PENDING") return "state";
      if (isAuthor) return "self";
      return action === "approve" ? "PUBLISHED" : action === "requestChanges" ? "CHANGES_REQUESTED" : "REJECTED";
  }
}

describe("review state machine", () => {
  const cases = REVIEW_STATUSES.flatMap((status) =>
    REVIEW_ACTIONS.flatMap((action) =>
      ROLES.flatMap((role) => [true, false].map((isAuthor) => ({ status, action, role, isAuthor }))),
    ),
  );
  it.each(cases)("$role (author: $isAuthor) $action on $status", ({ status, action, role, isAuthor }) => {
    const r = checkTransition({ status, action, role, isAuthor });
    expect(r.ok ? r.next : r.reason).toBe(expected(status, action, role, isAuthor));
  });

  it("never lets anyone approve their own submission, whatever their role", () => {
    for (const role of ROLES) {
      const r = checkTransition({ status: "PENDING", action: "approve", role, isAuthor: true });
      expect(r.ok).toBe(false);
    }
  });

  it("publishes only when the workspace's required approvals are reached", () => {
    expect(
      checkTransition({
        status: "PENDING",
        action: "approve",
        role: "REVIEWER",
        isAuthor: false,
        approvalsAfter: 1,
        requiredApprovals: 2,
      }),
    ).toEqual({ ok: true, next: "APPROVED_PENDING_MORE" });
    expect(
      checkTransition({
        status: "PENDING",
        action: "approve",
        role: "ADMIN",
        isAuthor: false,
        approvalsAfter: 2,
        requiredApprovals: 2,
      }),
    ).toEqual({ ok: true, next: "PUBLISHED" });
  });
});
