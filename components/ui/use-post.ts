"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";

export interface PostError {
  message: string;
  fieldErrors?: Record<string, string[]>;
}

export interface PostOptions {
  /**
   * Where keyboard focus goes once the action is done and the page shows its result
   * (typically a status message). Without it, focus stays where the page leaves it.
   */
  focus?: () => HTMLElement | null;
  /** DELETE sends no body; POST (the default) sends `body` as JSON. */
  method?: "POST" | "DELETE";
}

/**
 * Moves focus to `target` unless the person has meanwhile put it somewhere else: focus is
 * moved only from the page itself, from a control gone or disabled by the action, or from
 * the control the action started on.
 */
export function moveFocus(target: HTMLElement | null, startedOn: Element | null) {
  if (!target) return;
  const active = document.activeElement;
  const idle = !active || active === document.body || active === startedOn || !active.isConnected || (active as HTMLButtonElement).disabled;
  if (idle) target.focus();
}

/**
 * Posts JSON to one of the app's route handlers and, on success, refreshes the page's
 * server data. Errors come back as the server's own sentence; attach `errorRef` to the
 * alert that shows it and focus moves there when an action fails, so a keyboard user
 * is not left on a disabled button or on the page itself.
 */
export function usePost() {
  const router = useRouter();
  const [sending, setSending] = useState(false);
  const [refreshing, startTransition] = useTransition();
  const [error, setError] = useState<PostError | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const focusNext = useRef<(() => HTMLElement | null) | null>(null);
  const startedOn = useRef<Element | null>(null);

  // Focus moves only when nothing is in flight: after the refreshed page has rendered.
  useEffect(() => {
    if (sending || refreshing || !focusNext.current) return;
    const target = focusNext.current();
    focusNext.current = null;
    moveFocus(target, startedOn.current);
  }, [sending, refreshing, error]);

  async function post<T = unknown>(url: string, body: unknown, options: PostOptions = {}): Promise<T | null> {
    setSending(true);
    setError(null);
    focusNext.current = null;
    startedOn.current = document.activeElement;
    try {
      const method = options.method ?? "POST";
      const response = await fetch(url, method === "DELETE" ? { method } : { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      const data = (await response.json().catch(() => null)) as { error?: PostError | string } | null;
      if (!response.ok) {
        const e = data?.error;
        setError(typeof e === "string" ? { message: e } : (e ?? { message: `The server answered ${response.status}. Try again.` }));
        focusNext.current = () => errorRef.current;
        return null;
      }
      focusNext.current = options.focus ?? null;
      startTransition(() => router.refresh());
      return (data ?? {}) as T;
    } catch {
      setError({ message: "Could not reach the server. Check your connection and try again." });
      focusNext.current = () => errorRef.current;
      return null;
    } finally {
      setSending(false);
    }
  }

  return { post, pending: sending || refreshing, error, errorRef, clearError: () => setError(null) };
}
