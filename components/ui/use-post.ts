"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

export interface PostError {
  message: string;
  fieldErrors?: Record<string, string[]>;
}

/**
 * Posts JSON to one of the app's route handlers and, on success, refreshes the page's
 * server data. Errors come back as the server's own sentence.
 */
export function usePost() {
  const router = useRouter();
  const [sending, setSending] = useState(false);
  const [refreshing, startTransition] = useTransition();
  const [error, setError] = useState<PostError | null>(null);

  async function post<T = unknown>(url: string, body: unknown): Promise<T | null> {
    setSending(true);
    setError(null);
    try {
      const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const data = (await response.json().catch(() => null)) as { error?: PostError | string } | null;
      if (!response.ok) {
        const e = data?.error;
        setError(typeof e === "string" ? { message: e } : (e ?? { message: `The server answered ${response.status}. Try again.` }));
        return null;
      }
      startTransition(() => router.refresh());
      return (data ?? {}) as T;
    } catch {
      setError({ message: "Could not reach the server. Check your connection and try again." });
      return null;
    } finally {
      setSending(false);
    }
  }

  return { post, pending: sending || refreshing, error, clearError: () => setError(null) };
}
