import { expect, test, type RoleKey } from "./fixtures";
import { BriefingPage } from "./pages/briefing-page";
import { WorkspaceHomePage } from "./pages/workspace-home-page";

const TITLE = "Weekly note: the western border";

test("a reviewer comments on a briefing; its author is told and reads it there", async ({
  workspace,
  api,
  page,
  signIn,
  pageAs,
  users,
}) => {
  const briefing = await api("analyst").briefing.create.mutate({ workspaceId: workspace.id, title: TITLE });
  await signIn(page, "reviewer");
  const reader = new BriefingPage(page, workspace.slug);
  await reader.goto(briefing.id, TITLE);
  await expect(page.getByText("No comments yet.")).toBeVisible();

  await reader.sendComment("The second key judgment needs a source from after 2008.");
  await expect(reader.comment("needs a source from after 2008")).toContainText(users.reviewer.name);
  await expect(reader.commentBox()).toHaveValue("");

  const author = new WorkspaceHomePage(await pageAs("analyst"), workspace.slug);
  await author.goto();
  const bell = author.shell.notifications();
  await bell.unread(1);
  await bell.open();
  await expect(bell.item(`${users.reviewer.name} commented on the briefing “${TITLE}”`)).toBeVisible();
});

test("an @mention is suggested as you type, notifies the member, and their link opens at the comment", async ({
  workspace,
  api,
  page,
  signIn,
  pageAs,
  users,
}) => {
  const briefing = await api("analyst").briefing.create.mutate({ workspaceId: workspace.id, title: TITLE });
  // A long earlier discussion: the mentioned comment is beyond the first page of comments (50).
  for (let i = 1; i <= 51; i++)
    await api("analyst").briefing.comment.mutate({ briefingId: briefing.id, body: `Earlier note number ${i}.` });
  await signIn(page, "reviewer");
  const reader = new BriefingPage(page, workspace.slug);
  await reader.goto(briefing.id, TITLE);

  await reader.mention("Bo", users.analyst2.name);
  await reader.sendComment("could you check the Herat dates?");
  await expect(reader.comment("could you check the Herat dates?")).toContainText("@BoAnalyst");

  const colleague = await pageAs("analyst2");
  const home = new WorkspaceHomePage(colleague, workspace.slug);
  await home.goto();
  const bell = home.shell.notifications();
  await bell.unread(1);
  await bell.open();
  const mention = bell.item(`${users.reviewer.name} mentioned you on the briefing “${TITLE}”`);
  await expect(mention).toContainText("could you check the Herat dates?");
  await mention.getByRole("link").click();

  await expect(colleague).toHaveURL(new RegExp(`/briefings/${briefing.id}#comment-`));
  const opened = new BriefingPage(colleague, workspace.slug);
  await opened.expectLoaded(TITLE);
  const comment = opened.comment("could you check the Herat dates?");
  await expect(comment).toHaveAttribute("aria-current", "true");
  await expect(comment).toBeFocused();
  await expect(comment).toBeInViewport();
  await bell.unread(0);
});

test("a viewer named in a comment on an unpublished briefing is not told about it", async ({
  workspace,
  api,
  page,
  signIn,
  pageAs,
  users,
}) => {
  const briefing = await api("analyst").briefing.create.mutate({ workspaceId: workspace.id, title: TITLE });
  await signIn(page, "reviewer");
  const reader = new BriefingPage(page, workspace.slug);
  await reader.goto(briefing.id, TITLE);
  // The viewer is not offered after "@" (the server would not tell them); a colleague who reads drafts is.
  await reader.commentBox().pressSequentially("@Vic");
  await expect(page.getByRole("listbox", { name: "Members" })).toBeHidden();
  await reader.commentBox().fill("");
  await reader.mention("Bo", users.analyst2.name);
  await reader.commentBox().fill("");
  await reader.sendComment(`@VicViewer and @${users.analyst2.name.split(" ")[0]}: draft figures inside.`);
  await expect(reader.comment("draft figures inside")).toBeVisible();

  const seen = async (role: RoleKey) => {
    const home = new WorkspaceHomePage(await pageAs(role), workspace.slug);
    await home.goto();
    return home.shell.notifications();
  };
  await (await seen("analyst2")).unread(1);
  await (await seen("viewer")).unread(0);
});

test("an empty comment cannot be sent, and authors delete their own comments", async ({
  workspace,
  api,
  page,
  signIn,
}) => {
  const briefing = await api("analyst").briefing.create.mutate({ workspaceId: workspace.id, title: TITLE });
  await signIn(page, "analyst");
  const reader = new BriefingPage(page, workspace.slug);
  await reader.goto(briefing.id, TITLE);
  const send = page.getByRole("form", { name: "New comment" }).getByRole("button", { name: "Comment" });
  await expect(send).toBeDisabled();
  await reader.commentBox().fill("   ");
  await expect(send).toBeDisabled();

  await reader.commentBox().fill("");
  await reader.sendComment("Posted in the wrong briefing, sorry.");
  await expect(reader.comment("Posted in the wrong briefing")).toBeVisible();
  await reader.deleteComment("Posted in the wrong briefing");
  await expect(page.getByText("No comments yet.")).toBeVisible();
});

test("the briefing's author cannot delete a reviewer's comment, an admin can", async ({
  workspace,
  api,
  page,
  signIn,
  pageAs,
}) => {
  const briefing = await api("analyst").briefing.create.mutate({ workspaceId: workspace.id, title: TITLE });
  await api("reviewer").briefing.comment.mutate({ briefingId: briefing.id, body: "Off-topic remark to moderate." });

  const colleague = new BriefingPage(await pageAs("analyst"), workspace.slug);
  await colleague.goto(briefing.id, TITLE);
  await expect(colleague.comment("Off-topic remark")).toBeVisible();
  await expect(colleague.comment("Off-topic remark").getByRole("button", { name: "Delete" })).toHaveCount(0);

  await signIn(page, "admin");
  const admin = new BriefingPage(page, workspace.slug);
  await admin.goto(briefing.id, TITLE);
  await admin.deleteComment("Off-topic remark");
  await colleague.page.reload();
  await expect(colleague.page.getByText("No comments yet.")).toBeVisible();
});
