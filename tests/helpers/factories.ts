import { randomBytes } from "node:crypto";
import { db } from "../../server/db/client.ts";
import type { Role } from "../../server/policy.ts";
import { hashPassword } from "../../server/lib/password.ts";

let passwordHashCache: Promise<string> | undefined;
export const TEST_PASSWORD = "correct horse battery";

const uniq = () => randomBytes(4).toString("hex");

export async function makeUser(overrides: { email?: string; name?: string; active?: boolean } = {}) {
  passwordHashCache ??= hashPassword(TEST_PASSWORD);
  const tag = uniq();
  return db.user.create({
    data: {
      email: overrides.email ?? `user-${tag}@example.org`,
      name: overrides.name ?? `User ${tag}`,
      active: overrides.active ?? true,
      passwordHash: await passwordHashCache,
    },
    select: { id: true, email: true, name: true },
  });
}

export async function makeWorkspace(name = `Workspace ${uniq()}`) {
  return db.workspace.create({
    data: { name, slug: `ws-${uniq()}` },
    select: { id: true, slug: true, name: true },
  });
}

export async function addMember(workspaceId: string, userId: string, role: Role, active = true) {
  return db.membership.create({
    data: { workspaceId, userId, role, active },
    select: { id: true, version: true },
  });
}

/** A workspace with one member of every role, plus an outsider who belongs elsewhere. */
export async function makeTeam() {
  const workspace = await makeWorkspace();
  const other = await makeWorkspace();
  const users = {
    admin: await makeUser({ name: "Admin" }),
    reviewer: await makeUser({ name: "Reviewer" }),
    analyst: await makeUser({ name: "Analyst" }),
    viewer: await makeUser({ name: "Viewer" }),
    outsider: await makeUser({ name: "Outsider" }),
  };
  const memberships = {
    admin: await addMember(workspace.id, users.admin.id, "ADMIN"),
    reviewer: await addMember(workspace.id, users.reviewer.id, "REVIEWER"),
    analyst: await addMember(workspace.id, users.analyst.id, "ANALYST"),
    viewer: await addMember(workspace.id, users.viewer.id, "VIEWER"),
  };
  await addMember(other.id, users.outsider.id, "ADMIN");
  return { workspace, other, users, memberships };
}
