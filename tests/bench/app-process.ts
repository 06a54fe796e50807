import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";

/** Starts the app with `npm start`'s launcher and resolves once /api/health answers ok. */
export async function startApp(opts: {
  cwd: string;
  port: number;
  dataDir: string;
  env?: Record<string, string>;
}): Promise<{
  child: ChildProcess;
  msToHealthy: number;
  stop: () => Promise<void>;
}> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", path.join(opts.cwd, "server/cli/start.ts")], {
    cwd: opts.cwd,
    env: { ...process.env, PORT: String(opts.port), DOSSIER_DATA_DIR: opts.dataDir, DATABASE_URL: "", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Keep only the tail: the request log grows with every request.
  let output = "";
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-4000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  // BENCH_SERVER_LOG=file keeps the whole request log, e.g. to compare each call's server time with what the client saw.
  if (process.env.BENCH_SERVER_LOG) {
    const file = createWriteStream(process.env.BENCH_SERVER_LOG);
    child.stdout!.pipe(file);
    child.stderr!.pipe(file);
  }
  const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));

  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app exited during start-up:\n${output.slice(-2000)}`);
    try {
      const res = await fetch(`http://127.0.0.1:${opts.port}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error("The app did not become healthy within 10 minutes");
    await new Promise((r) => setTimeout(r, 100));
  }
  const msToHealthy = performance.now() - started;
  return {
    child,
    msToHealthy,
    stop: async () => {
      child.kill("SIGINT");
      await exited;
    },
  };
}

/** Signs in through next-auth's credentials flow and returns the Cookie header. */
export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = pair!.split("=");
      jar.set(k!, v.join("="));
    }
  };
  keep(csrfRes);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token")))
    throw new Error(`Sign-in failed for ${email} (${res.status})`);
  return cookie();
}
