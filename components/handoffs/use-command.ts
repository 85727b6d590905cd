"use client";

import { usePost, type PostOptions } from "@/components/ui/use-post";
import type { Command } from "@/lib/handoffs/lifecycle";

/** Sends a lifecycle command for one handoff; true when the server accepted it. */
export function useCommand(handoffId: string) {
  const { post, pending, error, errorRef, clearError } = usePost();
  const run = async (command: Command, options?: PostOptions) => (await post(`/api/handoffs/${handoffId}/transitions`, command, options)) !== null;
  return { run, pending, error, errorRef, clearError };
}
