"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { Command } from "@/lib/handoffs/lifecycle";

export interface CommandError {
  message: string;
  fieldErrors?: Record<string, string[]>;
}

/** Sends a lifecycle command to the server and refreshes the page with the result. */
export function useCommand(handoffId: string) {
  const router = useRouter();
  const [sending, setSending] = useState(false);
  const [refreshing, startTransition] = useTransition();
  const [error, setError] = useState<CommandError | null>(null);

  async function run(command: Command): Promise<boolean> {
    setSending(true);
    setError(null);
    try {
      const response = await fetch(`/api/handoffs/${handoffId}/transitions`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(command),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: CommandError } | null;
        setError(body?.error ?? { message: `The server answered ${response.status}. Try again.` });
        return false;
      }
      startTransition(() => router.refresh());
      return true;
    } catch {
      setError({ message: "Could not reach the server. Check your connection and try again." });
      return false;
    } finally {
      setSending(false);
    }
  }

  return { run, pending: sending || refreshing, error, clearError: () => setError(null) };
}
