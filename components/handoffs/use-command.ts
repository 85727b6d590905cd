"use client";

import { usePost } from "@/components/ui/use-post";
import type { Command } from "@/lib/handoffs/lifecycle";

/** Sends a lifecycle command for one handoff; true when the server accepted it. */
export function useCommand(handoffId: string) {
  const { post, pending, error, clearError } = usePost();
  const run = async (command: Command) => (await post(`/api/handoffs/${handoffId}/transitions`, command)) !== null;
  return { run, pending, error, clearError };
}
