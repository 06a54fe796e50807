/**
 * Hints for the property suite (tests/integration/property-inputs.test.ts),
 * kept to what cannot be read from the router or the database. A new
 * procedure needs no entry here: its keys are resolved by name (`eventId`
 * names an Event, `candidateId` an ImportCandidate, `id` a row of the
 * procedure's own noun). Add an entry only when a key's name does not say
 * which table it points into.
 */

/** Keys whose name does not say their table, wherever they occur. */
export const KEY_TABLES: Record<string, string[]> = {
  authorId: ["User"],
  publisherId: ["Entity"],
  derivedFromId: ["Source"],
  targetId: ["Event", "Source"],
};

/** Keys whose table depends on the procedure. */
export const PROCEDURE_KEY_TABLES: Record<string, Record<string, string[]>> = {
  "briefing.deleteComment": { id: ["BriefingComment"] },
  "briefing.comment": { briefingId: ["Briefing"] },
};

/**
 * Tables a refused call may rightly write to, left out of the "nothing
 * changed" comparison: throttling counts refused attempts, which is its job.
 */
export const REFUSAL_MAY_WRITE: string[] = ["RateLimit"];

/**
 * Cross-field rules a schema states as a function, which no generator can
 * read. Applied to half of the generated inputs, after their ids and versions
 * were matched to real rows.
 */
export const PROCEDURE_INPUT_HINTS: Record<string, (input: Record<string, unknown>) => void> = {
  "me.changePassword": (input) => {
    input.confirmPassword = input.newPassword;
  },
};
