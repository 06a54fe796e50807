import { RateLimiterPostgres, type RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "../db/client.ts";

/**
 * Login throttling, stored in Postgres so every app instance shares the counts.
 *
 * Three counters, counted only on failures:
 * - account + IP: 10 failures in 15 min blocks that pair for 15 min (a guesser
 *   at one address);
 * - IP: 100 failures in a day blocks the address for an hour (one address
 *   spraying many accounts);
 * - account: 50 failures in 15 min from anywhere blocks the account for only
 *   5 min. It is short on purpose: a distributed attacker is slowed down, but
 *   cannot keep a real user locked out for long, and the user's own address
 *   is never blocked by other people's failures.
 * A successful sign-in clears the account + IP counter.
 */
type Limiters = { pair: RateLimiterPostgres; ip: RateLimiterPostgres; account: RateLimiterPostgres };

const globalForLimiters = globalThis as unknown as { __dossierLimiters?: Limiters };

function make(keyPrefix: string, points: number, duration: number, blockDuration: number) {
  return new RateLimiterPostgres({
    storeClient: pool(),
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix,
    points,
    duration,
    blockDuration,
  });
}

function limiters(): Limiters {
  globalForLimiters.__dossierLimiters ??= {
    pair: make("login_pair", 10, 15 * 60, 15 * 60),
    ip: make("login_ip", 100, 24 * 60 * 60, 60 * 60),
    account: make("login_account", 50, 15 * 60, 5 * 60),
  };
  return globalForLimiters.__dossierLimiters;
}

export const LOGIN_LIMITS = { pair: 10, ip: 100, account: 50 } as const;

function keys(email: string, ip: string) {
  return { pair: `${email}|${ip}`, ip, account: email };
}

/** Seconds until the caller may try again, or 0 when not blocked. */
export async function loginRetryAfter(email: string, ip: string): Promise<number> {
  const l = limiters();
  const k = keys(email, ip);
  const [pair, byIp, account] = await Promise.all([l.pair.get(k.pair), l.ip.get(k.ip), l.account.get(k.account)]);
  const blocked = (res: RateLimiterRes | null, limit: number) =>
    res !== null && res.consumedPoints >= limit ? Math.ceil(res.msBeforeNext / 1000) : 0;
  return Math.max(
    blocked(pair, LOGIN_LIMITS.pair),
    blocked(byIp, LOGIN_LIMITS.ip),
    blocked(account, LOGIN_LIMITS.account),
  );
}

export async function recordLoginFailure(email: string, ip: string): Promise<void> {
  const l = limiters();
  const k = keys(email, ip);
  // consume() rejects once a limit is passed; the block is what we want, not an error.
  await Promise.allSettled([l.pair.consume(k.pair), l.ip.consume(k.ip), l.account.consume(k.account)]);
}

export async function recordLoginSuccess(email: string, ip: string): Promise<void> {
  await limiters().pair.delete(keys(email, ip).pair);
}
