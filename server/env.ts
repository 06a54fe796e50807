import { z } from "zod";

/**
 * The only reader of process.env. Parsed once, on first use, so a bad value
 * fails at start-up with a message naming the variable instead of deep inside
 * a request.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  // How long a request waits for a pooled connection (or a transaction to start) before it is
  // answered 503 with Retry-After: bounded, so a saturated pool never holds requests forever.
  DATABASE_POOL_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  // How long the HTTP server may keep a session or membership lookup in memory (server/db/auth-cache.ts).
  // Changes clear it at once on every instance; this only bounds what a lost notification could leave.
  // 0 turns the copy off (every request reads the database).
  AUTH_CACHE_TTL_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_DISPLAY_NAME: z.string().min(1).default("Single sign-on"),
  // How many reverse proxies in front of the app append to X-Forwarded-For.
  // 0 means the app is reached directly and only the hop added by the app's
  // own server is trusted, so clients cannot forge their IP for rate limits.
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // /api/metrics answers only with this token (Authorization: Bearer …); unset, the endpoint does not exist.
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  // Scheduled backups are off unless an interval is set.
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0.25)
    .max(24 * 31)
    .optional(),
  BACKUP_DIR: z.string().min(1).optional(),
  // How long an import may run before the queue takes it back and gives it to another instance
  // (what bounds the wait after an instance dies mid-import). A job still running then stops itself.
  IMPORT_JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(600),
  // Archiving a web address (services/archive): the most a fetch may take in all, and how long the far
  // server may take to connect and start answering.
  ARCHIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(20),
  ARCHIVE_FIRST_BYTE_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  // How often the queue's upkeep runs (returning expired jobs, archiving finished ones): one instance at a time.
  JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  BACKUP_KEEP_DAILY: z.coerce.number().int().min(0).max(1000).default(7),
  BACKUP_KEEP_WEEKLY: z.coerce.number().int().min(0).max(1000).default(4),
  BACKUP_KEEP_MONTHLY: z.coerce.number().int().min(0).max(1000).default(6),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    // An empty variable means "not set", as in most deployment tools.
    const raw = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
    const parsed = envSchema.safeParse(raw);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function oidcConfigured(e: Env = env()): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

export function requireDatabaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start the app with `npm start` (embedded PostgreSQL) or set DATABASE_URL to a PostgreSQL server.",
    );
  }
  return url;
}
