import { errorCodeOf, expect, test } from "./fixtures";

test("each test gets a workspace of its own whose only members are its five accounts, each in its role", async ({
  workspace,
  users,
  api,
  signIn,
  page,
}) => {
  const members = await api("admin").member.list.query({ workspaceId: workspace.id });
  expect(members.map((m) => [m.email, m.role, m.active]).sort()).toEqual(
    Object.values(users)
      .map((u) => [u.email, u.workspaceRole, true])
      .sort(),
  );
  // Each account sees this workspace and no other (the lobby it came through included).
  for (const role of ["admin", "viewer"] as const)
    expect((await api(role).workspace.list.query()).map((w) => w.slug)).toEqual([workspace.slug]);
  // The API acts as the user it names: a viewer may not create events.
  expect(
    await errorCodeOf(
      api("viewer").event.create.mutate({
        workspaceId: workspace.id,
        title: "Not allowed",
        date: { start: { year: 2001 } },
      }),
    ),
  ).toBe("FORBIDDEN");
  // The browser session is the same user.
  await signIn(page, "analyst");
  await page.goto("/profile");
  await expect(page.getByLabel("Display name")).toHaveValue(users.analyst.name);
});
