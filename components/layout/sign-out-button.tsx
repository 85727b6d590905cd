"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="-mx-1 mt-1 rounded px-1 py-1 text-sm font-medium text-brand-700 underline-offset-2 hover:underline">
      Sign out
    </button>
  );
}
