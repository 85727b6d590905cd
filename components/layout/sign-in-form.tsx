"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";

export function SignInForm({ callbackUrl, sso, initialError }: { callbackUrl: string; sso: { name: string } | null; initialError?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | undefined>(initialError);
  const [pending, setPending] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const errors: typeof fieldErrors = {};
    if (!/^\S+@\S+\.\S+$/.test(email)) errors.email = "Enter a valid email address.";
    if (!password) errors.password = "Enter your password.";
    setFieldErrors(errors);
    if (errors.email || errors.password) return;

    setPending(true);
    setError(undefined);
    const result = await signIn("credentials", { email, password, redirect: false });
    if (!result || result.error) {
      setPending(false);
      // A throttled sign-in says how long to wait; anything else is the same sentence, whatever went wrong.
      setError(result?.error?.startsWith("Too many failed sign-ins") ? result.error : "That email and password don’t match an active account.");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Sign in">
        {error && <Alert>{error}</Alert>}
        <Field label="Email" error={fieldErrors.email}>
          {(p) => <input {...p} name="email" type="email" autoComplete="username" className={inputClass} autoFocus />}
        </Field>
        <Field label="Password" error={fieldErrors.password}>
          {(p) => <input {...p} name="password" type="password" autoComplete="current-password" className={inputClass} />}
        </Field>
        <Button type="submit" className="w-full" pending={pending}>
          Sign in
        </Button>
      </form>
      {sso && (
        <>
          <div className="my-4 flex items-center gap-3 text-xs text-slate-600">
            <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
          </div>
          <Button variant="secondary" className="w-full" onClick={() => signIn("oidc", { callbackUrl })}>
            Continue with {sso.name}
          </Button>
        </>
      )}
    </div>
  );
}
