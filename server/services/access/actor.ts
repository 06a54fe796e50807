/** Who is calling a service. Resolved from the database by the caller's context. */
export type Actor = {
  userId: string;
  /** Client address, for the audit trail. */
  ip?: string | null;
};
