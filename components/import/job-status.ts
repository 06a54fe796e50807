export const JOB_STATUS_LABELS = { QUEUED: "Waiting", RUNNING: "Reading", DONE: "Ready", FAILED: "Failed" } as const;
export const JOB_STATUS_TONES = { QUEUED: "slate", RUNNING: "blue", DONE: "green", FAILED: "red" } as const;
export const CANDIDATE_STATUS_LABELS = {
  PENDING: "To review",
  ACCEPTED: "Accepted",
  MERGED: "Merged",
  DISMISSED: "Dismissed",
} as const;
export const CANDIDATE_STATUS_TONES = {
  PENDING: "amber",
  ACCEPTED: "green",
  MERGED: "blue",
  DISMISSED: "slate",
} as const;
