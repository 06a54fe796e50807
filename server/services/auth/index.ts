/** What the rest of the server may call in auth/. */
export {
  INVALID_CREDENTIALS,
  changePassword,
  signInWithIdentity,
  signInWithPassword,
  signOut,
} from "./auth-service.ts";
export { SESSION_TTL_MS, createSession, resolveSession, revokeSession, type SessionUser } from "./session-service.ts";
export { createUserWithPassword, getProfile, updateProfile } from "./user-service.ts";
