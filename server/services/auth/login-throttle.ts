import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "../../db/client.ts";

/**
 * Login throttling, stored in Postgres so every app instance shares the counts.
 *
 * Every attempt is counted *before* the password is checked (an atomic upsert
 * per key), so a burst of parallel guesses cannot slip past the limit. A
 * successful sign-in gives its points back. Three counters:
 * - account + IP: 10 attempts in 15 min, then that pair waits 15 min (one
 *   address guessing one account);
 * - IP: 100 attempts in a day, then the address waits an hour (one address
 *   spraying many accounts);
 * - account: 50 attempts in 15 min from anywhere, then the account waits only
 *   5 min. Short on purpose: a distributed attacker is slowed down but cannot
 *   keep the real user out for long, and other people's failures never block
 *   the user's own address.
 *
 * Only attempts that reach the password check count. An attempt refused by
 * one counter is given back to the others: a stranger hammering an account
 * from one address is stopped by that address's own counters after 10
 * guesses, and the thousands of refused tries after that never add up to a
 * block of the account for everyone else. The account counter is consulted
 * only after the address counters let the attempt through, so it counts at
 * most 10 guesses per address in a window.
 */
type Limiters = { pair: RateLimiterPostgres; ip: RateLimiterPostgres; account: RateLimiterPostgres };

export const LOGIN_LIMITS = {
  pair: { points: 10, duration: 15 * 60, block: 15 * 60 },
  ip: { points: 100, duration: 24 * 60 * 60, block: 60 * 60 },
  account: { points: 50, duration: 15 * 60, block: 5 * 60 },
} as const;

const globalForLimiters = globalThis as unknown as { __dossierLimiters?: Limiters };

function make(keyPrefix: keyof typeof LOGIN_LIMITS) {
  const l = LOGIN_LIMITS[keyPrefix];
  return new RateLimiterPostgres({
    storeClient: pool(),
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix: `login_${keyPrefix}`,
    points: l.points,
    duration: l.duration,
    blockDuration: l.block,
  });
}

function limiters(): Limiters {
  globalForLimiters.__dossierLimiters ??= { pair: make("pair"), ip: make("ip"), account: make("account") };
  return globalForLimiters.__dossierLimiters;
}

function keys(email: string, ip: string) {
  return { pair: `${email}|${ip}`, ip, account: email };
}

/** The seconds a refusal asks to wait; rethrows store failures. */
function refusal(r: PromiseSettledResult<unknown>): number {
  if (r.status === "fulfilled") return 0;
  // The limiter rejects with its state when a limit is passed, or with an error when the store fails.
  if (!(r.reason instanceof RateLimiterRes)) throw r.reason;
  return Math.max(1, Math.ceil(r.reason.msBeforeNext / 1000));
}

/**
 * Counts one attempt. Returns 0 when the attempt may go ahead (it has then
 * been counted by all three limits), otherwise the seconds until it may be
 * retried (and it has been counted by none).
 */
export async function beginLoginAttempt(email: string, ip: string): Promise<number> {
  const l = limiters();
  const k = keys(email, ip);
  const address = await Promise.allSettled([l.pair.consume(k.pair), l.ip.consume(k.ip)]);
  const addressWait = Math.max(...address.map(refusal));
  if (addressWait > 0) {
    // The other address counter, if it let the attempt through, gets its point back.
    await Promise.all([
      address[0].status === "fulfilled" ? l.pair.reward(k.pair, 1) : null,
      address[1].status === "fulfilled" ? l.ip.reward(k.ip, 1) : null,
    ]);
    return addressWait;
  }
  const accountWait = refusal((await Promise.allSettled([l.account.consume(k.account)]))[0]!);
  if (accountWait > 0) {
    await Promise.all([l.pair.reward(k.pair, 1), l.ip.reward(k.ip, 1)]);
    return accountWait;
  }
  return 0;
}

/** A correct password: clear the pair and give the attempt back to the shared counters. */
export async function loginSucceeded(email: string, ip: string): Promise<void> {
  const l = limiters();
  const k = keys(email, ip);
  await Promise.all([l.pair.delete(k.pair), l.ip.reward(k.ip, 1), l.account.reward(k.account, 1)]);
}
