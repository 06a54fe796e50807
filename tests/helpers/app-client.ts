import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { encode } from "next-auth/jwt";

/**
 * Starts tests/helpers/api-route-server.ts in a child process and talks to it over
 * HTTP, as a browser or a second client would.
 */
export type AppServer = {
  base: string;
  databaseUrl: string;
  clusterDir: string | undefined;
  child: ChildProcess;
  /** Everything the server wrote to stderr so far (its logs). */
  logs: () => string;
  stop: () => Promise<void>;
};

export async function startAppServer(env: Record<string, string | undefined> = {}): Promise<AppServer> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(process.cwd(), "tests/helpers/api-route-server.ts")],
    {
      env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "silent", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = await new Promise<{ port: number; databaseUrl: string; clusterDir?: string }>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(JSON.parse(line) as { port: number; databaseUrl: string; clusterDir?: string });
    });
    child.once("exit", (code) => reject(new Error(`The app server exited (${code}):\n${err.slice(-3000)}`)));
  });
  return {
    base: `http://127.0.0.1:${ready.port}`,
    databaseUrl: ready.databaseUrl,
    clusterDir: ready.clusterDir,
    child,
    logs: () => err,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

/** The session cookie a browser would hold after signing in, for a session row's id. */
export async function sessionCookie(sessionId: string): Promise<string> {
  const secret = process.env.NEXTAUTH_SECRET!;
  const token = await encode({ token: { sid: sessionId }, secret, maxAge: 3600 });
  return `next-auth.session-token=${token}`;
}

/** A tRPC mutation or query over HTTP, as the app's client sends it (superjson, one call). */
export async function trpcCall(
  base: string,
  procedure: string,
  input: unknown,
  opts: { cookie?: string; method?: "GET" | "POST" } = {},
): Promise<Response> {
  const method = opts.method ?? "POST";
  const body = JSON.stringify({ json: input });
  const url =
    method === "GET"
      ? `${base}/api/trpc/${procedure}?input=${encodeURIComponent(body)}`
      : `${base}/api/trpc/${procedure}`;
  return fetch(url, {
    method,
    headers: { "content-type": "application/json", ...(opts.cookie && { cookie: opts.cookie }) },
    body: method === "POST" ? body : undefined,
  });
}

/** An admin switches a membership off (or on) over HTTP, as the members screen does; fails the test unless it is accepted. */
export async function setMemberActive(
  base: string,
  membership: { id: string; version: number },
  active: boolean,
  adminCookie: string,
): Promise<void> {
  const res = await trpcCall(
    base,
    "member.setActive",
    { membershipId: membership.id, active, version: membership.version },
    { cookie: adminCookie },
  );
  if (res.status !== 200) throw new Error(`member.setActive answered ${res.status}: ${await res.text()}`);
}

export type Timed = { status: number; startedAt: number; endedAt: number; ms: number };

/**
 * Asks /api/health one request after another until stopped, timing each: what
 * another user sees while something heavy runs.
 */
export function pollHealth(base: string, gapMs = 50) {
  const samples: Timed[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const startedAt = performance.now();
      const status = await fetch(`${base}/api/health`).then(
        async (r) => {
          await r.arrayBuffer();
          return r.status;
        },
        () => 0,
      );
      const endedAt = performance.now();
      samples.push({ status, startedAt, endedAt, ms: endedAt - startedAt });
      await new Promise((r) => setTimeout(r, gapMs));
    }
  })();
  return {
    samples,
    stop: async () => {
      running = false;
      await done;
      return samples;
    },
  };
}
