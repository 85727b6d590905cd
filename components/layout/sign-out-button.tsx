"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="mt-2 text-xs font-medium text-brand-600 hover:underline">
      Sign out
    </button>
  );
}
