import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type AppServer = {
  base: string;
  port: number;
  stop: () => Promise<void>;
  /** Kills the launcher and the web server it started with SIGKILL, as a crash or an OOM kill would: nothing is cleaned up. */
  crash: () => Promise<void>;
};

/**
 * The production server, started as `npm start` starts it (server/cli/start.ts:
 * it builds first when the build is missing or older than the sources), against
 * the test file's own database (DATABASE_URL), so the test can make its data
 * through the services and then meet it over HTTP. Resolves once /api/health
 * answers ok.
 */
export async function startAppServer(env: Record<string, string> = {}): Promise<AppServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "dossier-app-server-"));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server/cli/start.ts")], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DOSSIER_DATA_DIR: dataDir,
      NEXTAUTH_URL: base,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      // A few requests at a time: other test files share the database server.
      DATABASE_POOL_SIZE: "4",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-6000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The app exited during start-up:\n${output}`);
    }
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const crash = async () => {
    const launcher = child.pid!;
    const children = await new Promise<number[]>((resolve) =>
      execFile("ps", ["-o", "pid=", "--ppid", String(launcher)], (_err, out) =>
        resolve(out.split(/\s+/).filter(Boolean).map(Number)),
      ),
    );
    for (const pid of [...children, launcher]) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    await exited;
    await rm(dataDir, { recursive: true, force: true });
  };
  return { base, port, stop, crash };
}

/** Cookies as a browser keeps them: the latest value of each, sent back as one header. */
export class CookieJar {
  private jar = new Map<string, string>();
  keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const at = pair!.indexOf("=");
      this.jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  }
  header(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(name: string): boolean {
    return [...this.jar.keys()].some((k) => k.includes(name));
  }
}

/**
 * Signs in through next-auth's credentials flow, as the sign-in form does.
 * Returns the jar and every Set-Cookie header the sign-in answered with.
 */
export async function signIn(
  base: string,
  email: string,
  password: string,
  extra: { headers?: Record<string, string>; callbackUrl?: string } = {},
): Promise<{ jar: CookieJar; setCookies: string[]; body: { url?: string } }> {
  const jar = new CookieJar();
  const csrfRes = await fetch(`${base}/api/auth/csrf`, { headers: extra.headers });
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  jar.keep(csrfRes);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: jar.header(),
      origin: base,
      ...extra.headers,
    },
    body: new URLSearchParams({
      csrfToken,
      email,
      password,
      json: "true",
      ...(extra.callbackUrl ? { callbackUrl: extra.callbackUrl } : {}),
    }),
  });
  jar.keep(res);
  const setCookies = [...csrfRes.headers.getSetCookie(), ...res.headers.getSetCookie()];
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  if (!jar.has("session-token")) throw new Error(`Sign-in failed for ${email} (${res.status})`);
  return { jar, setCookies, body };
}
