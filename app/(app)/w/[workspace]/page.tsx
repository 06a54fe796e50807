import { WorkspaceHome } from "@/components/workspace/workspace-home";

export default function WorkspacePage() {
  return <WorkspaceHome />;
}
