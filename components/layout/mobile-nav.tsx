"use client";

import { usePathname } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { CloseIcon, MenuIcon } from "@/components/ui/icons";
import type { NavItem } from "./app-shell";
import { NavLink } from "./nav-link";
import { AccountLink, SignOutButton } from "./sign-out-button";

/**
 * The navigation on a narrow screen: a Menu button that opens the same links and the
 * sign-out under the top bar. It closes on Escape (focus back on the button) and when a
 * link is followed.
 */
export function MobileNav({ nav, user }: { nav: NavItem[]; user: { name: string; role: string } }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  const [shownFor, setShownFor] = useState(pathname);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  // A followed link closes the menu: the new page is the answer to the tap.
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setOpen(false);
  }

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open]);

  const waiting = nav.reduce((sum, item) => sum + (item.count ?? 0), 0);

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
      >
        {open ? <CloseIcon className="h-4 w-4" /> : <MenuIcon className="h-4 w-4" />}
        Menu
        {waiting > 0 && !open && (
          <span className="rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white">
            {waiting}
            <span className="sr-only"> waiting</span>
          </span>
        )}
      </button>
      <div id={panelId} hidden={!open} className="absolute inset-x-0 top-full z-40 border-b border-slate-200 bg-white shadow-lg">
        <nav aria-label="Main" className="space-y-0.5 px-3 py-2">
          {nav.map((item) => (
            <NavLink key={item.href} {...item} />
          ))}
        </nav>
        <section aria-label="Signed in" className="border-t border-slate-200 px-5 py-3">
          <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
          <p className="text-xs text-slate-600">{user.role}</p>
          <div className="flex items-center gap-4">
            <AccountLink />
            <SignOutButton />
          </div>
        </section>
      </div>
    </>
  );
}
