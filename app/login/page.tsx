import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/layout/sign-in-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { currentActor } from "@/lib/auth/session";
import { oidcEnabled, env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await currentActor()) redirect("/handoffs");
  const { error, callbackUrl } = await searchParams;
  const sso = oidcEnabled() ? { name: env().OIDC_NAME } : null;
  const safeCallback = safeCallbackUrl(callbackUrl, env().APP_URL);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex h-10 w-10 items-center justify-center rounded-lg bg-brand-600 text-lg font-bold text-white" aria-hidden="true">
            H
          </div>
          <h1 className="text-xl font-semibold text-slate-900">Handoff Control Center</h1>
          <p className="mt-1 text-sm text-slate-500">Sign in to work the handoff queue.</p>
        </div>
        <SignInForm callbackUrl={safeCallback} sso={sso} initialError={error === "AccessDenied" ? "Your account is not allowed to sign in. Ask an admin to add you." : undefined} />
      </div>
    </main>
  );
}
