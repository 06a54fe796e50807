import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY } from "../../server/http/security-headers.mjs";
import { startAppServer, signIn, type AppServer } from "../helpers/app-server.ts";
import { testChromium } from "../helpers/chromium.ts";
import { callerFor } from "../helpers/caller.ts";
import { makeTeam, TEST_PASSWORD } from "../helpers/factories.ts";

/**
 * The production server as a browser meets it: the headers on pages, tRPC,
 * health, exports and static files; the nonce on every script of a page; where
 * a return path may lead; when forwarded headers are believed; Secure cookies;
 * and the main screens in Chromium with no Content-Security-Policy violation.
 *
 * Two servers run against this file's database: one reached directly
 * (TRUST_PROXY_HOPS=0), one behind a pretend reverse proxy (TRUST_PROXY_HOPS=1).
 */
let direct: AppServer;
let proxied: AppServer;
let team: Awaited<ReturnType<typeof makeTeam>>;
let eventId: string;
let briefingId: string;

const CHROMIUM = testChromium();
/** Each sign-in checks a real password hash: on a busy machine a case may take a while. */
const SLOW = { timeout: 5 * 60_000 };

beforeAll(async () => {
  team = await makeTeam();
  const { caller } = await callerFor(team.users.analyst.id);
  const event = await caller.event.create({
    workspaceId: team.workspace.id,
    title: "Delegation visits Herat",
    summary: "",
    date: { start: { year: 2015, month: 5 } },
  });
  eventId = event.id;
  const briefing = await caller.briefing.create({ workspaceId: team.workspace.id, title: "Where the talks stand" });
  await caller.briefing.update({
    id: briefing.id,
    version: briefing.version,
    body: `The delegation met officials [@event:${event.id}].`,
  });
  briefingId = briefing.id;
  // The first start may build the app (minutes); the second reuses that build.
  direct = await startAppServer({ TRUST_PROXY_HOPS: "0" });
  proxied = await startAppServer({ TRUST_PROXY_HOPS: "1" });
}, 20 * 60_000);

afterAll(async () => {
  await Promise.all([direct?.stop(), proxied?.stop()]);
});

/** The headers every response carries, pages, API and static files alike. */
function expectCommonHeaders(res: Response, what: string) {
  expect(res.headers.get("x-content-type-options"), what).toBe("nosniff");
  expect(res.headers.get("referrer-policy"), what).toBe("same-origin");
  expect(res.headers.get("permissions-policy"), what).toBe(PERMISSIONS_POLICY);
  expect(res.headers.get("permissions-policy"), what).toContain("camera=()");
  expect(res.headers.get("cross-origin-opener-policy"), what).toBe("same-origin");
  expect(res.headers.get("x-frame-options"), what).toBe("DENY");
}

function expectApiHeaders(res: Response, what: string) {
  expectCommonHeaders(res, what);
  expect(res.headers.get("cache-control"), what).toMatch(/(^|,\s*)no-store(,|$)/);
  expect(res.headers.get("content-security-policy"), what).toBe(API_CONTENT_SECURITY_POLICY);
}

/** A page's policy, directive by directive. */
function directives(csp: string | null): Map<string, string[]> {
  return new Map(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** Checks a page's policy and returns its nonce. */
function expectPagePolicy(res: Response, what: string): string {
  expectCommonHeaders(res, what);
  const csp = directives(res.headers.get("content-security-policy"));
  const scripts = csp.get("script-src") ?? [];
  expect(scripts, what).not.toContain("'unsafe-inline'");
  expect(scripts, what).not.toContain("'unsafe-eval'");
  expect(csp.get("style-src"), what).not.toContain("'unsafe-inline'");
  expect(csp.get("frame-ancestors"), what).toEqual(["'none'"]);
  expect(csp.get("object-src"), what).toEqual(["'none'"]);
  expect(csp.get("base-uri"), what).toEqual(["'self'"]);
  const nonce = scripts.find((s) => s.startsWith("'nonce-"))?.slice("'nonce-".length, -1);
  expect(nonce, `${what}: a nonce in script-src`).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  return nonce!;
}

/** Every <script> tag in the HTML, as written. */
const scriptTags = (html: string) => [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);

async function signedInCookie(server: AppServer, email = team.users.analyst.email) {
  return (await signIn(server.base, email, TEST_PASSWORD)).jar.header();
}

describe("pages", SLOW, () => {
  it("carry a strict policy whose nonce is on every script, inline ones included, and new for each response", async () => {
    const cookie = await signedInCookie(direct);
    const nonces = new Set<string>();
    for (const path of ["/sign-in", "/workspaces", `/w/${team.workspace.slug}/events/${eventId}`, "/no-such-page"]) {
      const res = await fetch(direct.base + path, { headers: path === "/sign-in" ? {} : { cookie } });
      expect([200, 404], path).toContain(res.status);
      const nonce = expectPagePolicy(res, path);
      nonces.add(nonce);
      const html = await res.text();
      const tags = scriptTags(html);
      expect(tags.length, path).toBeGreaterThan(0);
      // Next's inline bootstrap scripts (no src) are there, and carry the nonce like the rest.
      expect(tags.filter((t) => !/\ssrc=/.test(t)).length, path).toBeGreaterThan(0);
      for (const tag of tags) expect(tag, path).toContain(`nonce="${nonce}"`);
      // No inline event handlers, which no nonce could allow.
      expect(html, path).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    }
    expect(nonces.size).toBe(4);
  });

  it("add Strict-Transport-Security and upgrade-insecure-requests only when served over HTTPS", async () => {
    const plain = await fetch(`${proxied.base}/sign-in`);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
    const tls = await fetch(`${proxied.base}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
    expect(tls.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
    expect(tls.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
    // Reached directly, a client's claim of HTTPS is not believed.
    const claimed = await fetch(`${direct.base}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
    expect(claimed.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("API responses and static files", SLOW, () => {
  it("tRPC answers (query, mutation, refusal) are never stored and never documents", async () => {
    const cookie = await signedInCookie(direct);
    const query = await fetch(`${direct.base}/api/trpc/me.get`, { headers: { cookie } });
    expect(query.status).toBe(200);
    expectApiHeaders(query, "tRPC query");

    const mutation = await fetch(`${direct.base}/api/trpc/me.updateProfile`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json", origin: direct.base, "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ json: { name: "Analyst, renamed" } }),
    });
    expect(mutation.status).toBe(200);
    expectApiHeaders(mutation, "tRPC mutation");

    const refused = await fetch(`${direct.base}/api/trpc/me.get`);
    expect(refused.status).toBe(401);
    expectApiHeaders(refused, "tRPC refusal");
  });

  it("health says ok and nothing about the database", async () => {
    const res = await fetch(`${direct.base}/api/health`);
    expectApiHeaders(res, "health");
    expect(await res.json()).toEqual({ status: "ok", db: "ok" });
  });

  it("an export is a download no cache keeps", async () => {
    const cookie = await signedInCookie(direct);
    const res = await fetch(`${direct.base}/api/briefings/${briefingId}/export?format=md&version=working`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expectApiHeaders(res, "export");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(await res.text()).toContain("Where the talks stand");
  });

  it("static files get the common headers too", async () => {
    const html = await (await fetch(`${direct.base}/sign-in`)).text();
    const src = /<script\b[^>]*\ssrc="([^"]+)"/.exec(html)?.[1];
    expect(src).toMatch(/^\/_next\/static\//);
    const res = await fetch(direct.base + src);
    expect(res.status).toBe(200);
    expectCommonHeaders(res, "static chunk");
  });
});

describe("return paths", SLOW, () => {
  const hostile = [
    "//evil.example",
    "/\\evil.example/",
    "/%09/evil.example/",
    "https://evil.example/",
    "/%2F%2Fevil.example",
  ];

  it("the sign-in page keeps a path on this site and replaces anything else by the home page", async () => {
    const callbackOf = async (value: string) => {
      const html = await (await fetch(`${direct.base}/sign-in?callbackUrl=${encodeURIComponent(value)}`)).text();
      // The form's destination travels in the page's data.
      return /\\"callbackUrl\\":\\"([^\\]*)\\"/.exec(html)?.[1];
    };
    expect(await callbackOf(`/w/${team.workspace.slug}/events`)).toBe(`/w/${team.workspace.slug}/events`);
    for (const value of hostile) expect(await callbackOf(value), value).toBe("/workspaces");
  });

  it("a signed-in visit to the sign-in page redirects only within the site", async () => {
    const cookie = await signedInCookie(direct);
    for (const value of hostile) {
      const res = await fetch(`${direct.base}/sign-in?callbackUrl=${encodeURIComponent(value)}`, {
        headers: { cookie },
        redirect: "manual",
      });
      expect(res.status, value).toBeGreaterThanOrEqual(300);
      expect(res.status, value).toBeLessThan(400);
      expect(new URL(res.headers.get("location")!, direct.base).href, value).toBe(`${direct.base}/workspaces`);
    }
  });

  it("next-auth's own redirect after signing in stays on the site", async () => {
    for (const callbackUrl of [...hostile, "javascript:alert(1)"]) {
      const { body } = await signIn(direct.base, team.users.analyst.email, TEST_PASSWORD, { callbackUrl });
      expect(body.url, callbackUrl).toBe(`${direct.base}/workspaces`);
    }
    const { body } = await signIn(direct.base, team.users.analyst.email, TEST_PASSWORD, {
      callbackUrl: `/w/${team.workspace.slug}`,
    });
    expect(body.url).toBe(`${direct.base}/w/${team.workspace.slug}`);
  });
});

describe("forwarded headers and cookies", SLOW, () => {
  /** A state-changing call from a page on evil.example that claims, through X-Forwarded-Host, to be the app. */
  const forgedPost = (server: AppServer, cookie: string) =>
    fetch(`${server.base}/api/trpc/me.updateProfile`, {
      method: "POST",
      headers: {
        cookie,
        "content-type": "application/json",
        origin: "https://evil.example",
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
      },
      body: JSON.stringify({ json: { name: "Renamed from afar" } }),
    });

  it("reached directly, X-Forwarded-Host is the client's word and a cross-site call is refused", async () => {
    const res = await forgedPost(direct, await signedInCookie(direct));
    expect(res.status).toBe(403);
    expectApiHeaders(res, "refused cross-site call");
  });

  it("behind a trusted proxy, the host that proxy reports is the one compared", async () => {
    // Here the (pretend) proxy itself says the browser asked for evil.example, so the origins agree.
    expect((await forgedPost(proxied, await signedInCookie(proxied))).status).toBe(200);
    const elsewhere = await fetch(`${proxied.base}/api/trpc/me.updateProfile`, {
      method: "POST",
      headers: {
        cookie: await signedInCookie(proxied),
        "content-type": "application/json",
        origin: "https://evil.example",
        "x-forwarded-host": "dossier.example",
        "x-forwarded-proto": "https",
      },
      body: JSON.stringify({ json: { name: "Renamed from afar" } }),
    });
    expect(elsewhere.status).toBe(403);
  });

  it("cookies are Secure when a trusted proxy reports HTTPS, and only then", async () => {
    const flagged = (cookies: string[]) => cookies.map((c) => /;\s*secure(;|$)/i.test(c));
    const overTls = await signIn(proxied.base, team.users.analyst.email, TEST_PASSWORD, {
      headers: { "x-forwarded-proto": "https" },
    });
    expect(overTls.setCookies.length).toBeGreaterThan(1);
    expect(flagged(overTls.setCookies)).toEqual(overTls.setCookies.map(() => true));
    // The session still works over the same route.
    const me = await fetch(`${proxied.base}/api/trpc/me.get`, {
      headers: { cookie: overTls.jar.header(), "x-forwarded-proto": "https" },
    });
    expect(me.status).toBe(200);

    const plain = await signIn(proxied.base, team.users.analyst.email, TEST_PASSWORD);
    expect(flagged(plain.setCookies)).toEqual(plain.setCookies.map(() => false));
    const claimed = await signIn(direct.base, team.users.analyst.email, TEST_PASSWORD, {
      headers: { "x-forwarded-proto": "https" },
    });
    expect(flagged(claimed.setCookies)).toEqual(claimed.setCookies.map(() => false));
  });
});

describe.skipIf(!existsSync(CHROMIUM))("in Chromium", SLOW, () => {
  it(
    "the main screens run under the policy without a single violation",
    async () => {
      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
      });
      try {
        const page = await (await browser.newContext()).newPage();
        const violations: string[] = [];
        const errors: string[] = [];
        await page.exposeFunction("reportViolation", (v: string) => violations.push(v));
        await page.addInitScript(() => {
          document.addEventListener("securitypolicyviolation", (e) => {
            (window as unknown as { reportViolation: (v: string) => void }).reportViolation(
              `${location.pathname}: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
            );
          });
        });
        page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));

        const ws = `/w/${team.workspace.slug}`;
        await page.goto(`${direct.base}/sign-in?callbackUrl=${encodeURIComponent(`${ws}/events`)}`);
        await page.getByLabel("Email").fill(team.users.analyst.email);
        await page.getByLabel("Password").fill(TEST_PASSWORD);
        await page.getByRole("button", { name: "Sign in" }).click();
        // Signing in works under the policy: the form's script ran and the return path was followed.
        await page.waitForURL(`**${ws}/events`);
        await page.getByText("Delegation visits Herat").first().waitFor();

        for (const path of [
          "/workspaces",
          ws,
          `${ws}/events/${eventId}`,
          `${ws}/sources`,
          `${ws}/entities`,
          `${ws}/briefings`,
          `${ws}/briefings/${briefingId}`,
          `${ws}/briefings/${briefingId}/edit`,
          `${ws}/review`,
          `${ws}/search?q=Herat`,
          `${ws}/import`,
          "/profile",
        ]) {
          await page.goto(direct.base + path, { waitUntil: "networkidle" });
        }
        // Scripts really ran: the client rendered what only a query can fetch.
        await page.goto(`${direct.base}${ws}/events/${eventId}`, { waitUntil: "networkidle" });
        await page.getByRole("heading", { name: "Delegation visits Herat" }).waitFor();
        expect(violations).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    5 * 60_000,
  );
});
