"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOut } from "next-auth/react";

/** The signed-in person's own page: who they are, and their Slack link. */
export function AccountLink() {
  const current = usePathname() === "/account";
  return (
    <Link href="/account" aria-current={current ? "page" : undefined} className="-mx-1 mt-1 rounded px-1 py-1 text-sm font-medium text-brand-700 underline-offset-2 hover:underline aria-[current=page]:underline">
      Account
    </Link>
  );
}

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="-mx-1 mt-1 rounded px-1 py-1 text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
      Sign out
    </button>
  );
}
