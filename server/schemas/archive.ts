import "./zod-config.ts";
import { z } from "zod";
import { idSchema, text, versionSchema, webAddressSchema, workspaceScopedSchema } from "./common.ts";

export const ARCHIVE_STATUSES = ["QUEUED", "DONE", "FAILED"] as const;
export type ArchiveStatus = (typeof ARCHIVE_STATUSES)[number];

export const ARCHIVE_STATUS_LABELS = {
  QUEUED: "Waiting to be fetched",
  DONE: "Archived",
  FAILED: "Failed",
} as const satisfies Record<ArchiveStatus, string>;

/** How many hosts a workspace may allow; a longer list is a network, which is not what this setting is for. */
export const MAX_ALLOWED_HOSTS = 100;

/**
 * An address to archive. Only its form is checked here: where it leads (and
 * every redirect) is checked by the server when it fetches, after resolving
 * the name itself (services/archive).
 */
export const archiveUrlSchema = webAddressSchema({ publicHost: false }).refine((v) => {
  // Credentials in an address would be sent to whatever host it leads to, and stored with the archive.
  try {
    const u = new URL(v);
    return !u.username && !u.password;
  } catch {
    return true; // the address rule above says what is wrong
  }
}, "Leave the user name and password out of the address");

/** Archive a source's web address, or `url` when given (another copy of the same document). */
export const requestArchiveSchema = z.object({
  sourceId: idSchema,
  url: z.union([z.literal(""), archiveUrlSchema]).optional(),
});
export type RequestArchiveInput = z.input<typeof requestArchiveSchema>;

export const listArchivesSchema = z.object({
  sourceId: idSchema,
  cursor: z
    .string()
    .max(200, "Invalid page cursor.")
    .regex(/^[A-Za-z0-9_-]*$/, "Invalid page cursor.")
    .nullish(),
  limit: z.number().int().min(1).max(50).default(10),
});

export const archiveTextSchema = z.object({ archiveId: idSchema });

/** One allowed host: a name or an address, with a port when only that port is meant. */
export type AllowedHost = { host: string; port: number | null };

/**
 * Reads one entry of the allowed-hosts list: `example.org`, `example.org:8080`,
 * `10.0.0.5`, `10.0.0.5:8080`, `[fd00::5]`, `[fd00::5]:8080` (or `fd00::5`).
 * The host is written as the URL parser writes it (lower case, IPv4 in
 * dotted form, IPv6 compressed in brackets, names in punycode), so an entry
 * compares equal to the host of any address that names the same host.
 * Null when the entry is not a host (a scheme, a path, a wildcard…).
 */
export function parseAllowedHost(entry: string): AllowedHost | null {
  const value = entry.trim().toLowerCase();
  if (!value || value.length > 300 || /[\s/\\@?#*%]/.test(value)) return null;
  let host: string;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  if (bracketed) [host, port] = [`[${bracketed[1]}]`, bracketed[2]];
  else if ((value.match(/:/g) ?? []).length > 1) host = `[${value}]`;
  else {
    const plain = /^([^:]+)(?::(\d{1,5}))?$/.exec(value);
    if (!plain) return null;
    [host, port] = [plain[1]!, plain[2]];
  }
  let hostname: string;
  try {
    hostname = new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
  hostname = hostname.replace(/\.$/, "");
  if (!hostname || !/^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)$/.test(hostname)) return null;
  const portNumber = port === undefined ? null : Number(port);
  if (portNumber !== null && (portNumber < 1 || portNumber > 65535)) return null;
  return { host: hostname, port: portNumber };
}

export const formatAllowedHost = (h: AllowedHost) => (h.port === null ? h.host : `${h.host}:${h.port}`);

/**
 * Whether an address's host is on the list: the same host, and the same port
 * when the entry names one (the scheme's default port when the address has none).
 */
export function isHostAllowed(allowed: readonly string[], url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return allowed.some((entry) => {
    const parsed = parseAllowedHost(entry);
    return parsed !== null && parsed.host === host && (parsed.port === null || parsed.port === port);
  });
}

export const archiveSettingsSchema = workspaceScopedSchema;

/** The hosts the server may fetch from although their addresses are private (see services/archive). */
export const updateArchiveSettingsSchema = z.object({
  workspaceId: idSchema,
  version: versionSchema,
  allowedHosts: z
    .array(text().max(300, "Use at most 300 characters for a host"))
    .max(MAX_ALLOWED_HOSTS, `Allow at most ${MAX_ALLOWED_HOSTS} hosts`)
    .superRefine((entries, ctx) => {
      const bad = entries.filter((e) => e.trim() && !parseAllowedHost(e));
      if (bad.length)
        ctx.addIssue({
          code: "custom",
          message: `Not a host: ${bad
            .slice(0, 3)
            .map((b) => `“${b.trim().slice(0, 80)}”`)
            .join(", ")}. Write one host per line, such as example.org or 10.0.0.5:8080.`,
        });
    })
    // Stored as written by the URL parser, once each, so the list shows what is matched.
    .transform((entries) => [
      ...new Set(entries.flatMap((e) => (e.trim() ? [formatAllowedHost(parseAllowedHost(e)!)] : []))),
    ]),
});
export type UpdateArchiveSettingsInput = z.input<typeof updateArchiveSettingsSchema>;
