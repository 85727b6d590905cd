import { requirePageActor } from "@/lib/auth/session";

/**
 * Who may open the inbox is decided here, above the page's loading skeleton: once the skeleton
 * streams, the answer is already a 200, and a refusal could only be a client-side redirect.
 */
export default async function ApprovalsLayout({ children }: { children: React.ReactNode }) {
  await requirePageActor("approvals:inbox");
  return children;
}
