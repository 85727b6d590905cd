import { randomUUID } from "node:crypto";
import type { NextAuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { db } from "../db/client.ts";
import { env, oidcEnabled, type Env } from "../env.ts";
import { logger } from "../log/logger.ts";
import { DEFAULT_CALLBACK, sameOriginPath } from "./callback-url.ts";
import { hashPassword, needsRehash, verifyPasswordOrDummy } from "./password.ts";
import { assertMayTry, recordFailure, recordSuccess, SignInThrottled, type ThrottleKey } from "./throttle.ts";
import { revokeSession } from "./revocation.ts";
import { verifiedSsoEmail } from "./sso.ts";

export const signInSchema = z.object({
  email: z.email("Enter a valid email address.").transform((v) => v.toLowerCase()),
  password: z.string().min(1, "Enter your password."),
});

type Provider = NextAuthOptions["providers"][number];

/**
 * next-auth configuration: local accounts (email + bcrypt password) and, when the
 * OIDC_* variables are set, single sign-on with any OpenID Connect provider. Only
 * people an admin has added (an active user with that email) can sign in either way.
 */
export function authOptions(): NextAuthOptions {
  const e = env();
  const providers: NextAuthOptions["providers"] = [passwordProvider()];
  if (oidcEnabled(e)) providers.push(oidcProvider(e));

  return {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    providers,
    callbacks: callbacks(),
    events: {
      // The cookie is a signed JWT the browser could keep: the session id is refused from now on.
      async signOut({ token }) {
        await revokeSession(token?.sid, token?.uid, token?.exp);
      },
    },
    logger: {
      error: (code, metadata) => logger.error({ event: "auth.error", code, metadata }, "next-auth error"),
      warn: (code) => logger.warn({ event: "auth.warn", code }, "next-auth warning"),
      debug: () => undefined,
    },
  };
}

function passwordProvider(): Provider {
  return CredentialsProvider({
    name: "Email and password",
    credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
    authorize: (credentials, req) => authorizeWithPassword(credentials, req?.headers),
  });
}

/**
 * Checks an email and password, throttled per account and address. An unknown email costs
 * the same as a wrong password, and an inactive user is refused like either.
 */
async function authorizeWithPassword(credentials: unknown, headers: Record<string, unknown> | undefined): Promise<User | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const keys = throttleKeys(parsed.data.email, headers);
  await assertMayTryForForm(keys);
  const user = await db().user.findUnique({ where: { email: parsed.data.email } });
  const ok = await verifyPasswordOrDummy(parsed.data.password, user?.passwordHash);
  if (!user || !ok || !user.active) {
    logger.info({ event: "auth.sign_in_failed" }, "sign-in refused");
    await recordFailure(keys);
    return null;
  }
  await recordSuccess(user.email);
  const rehashed = user.passwordHash && needsRehash(user.passwordHash) ? await hashPassword(parsed.data.password) : null;
  await db().user.update({ where: { id: user.id }, data: { lastSignedInAt: new Date(), ...(rehashed ? { passwordHash: rehashed } : {}) } });
  return { id: user.id, email: user.email, name: user.name };
}

/** Refuses a throttled attempt with a plain Error: next-auth hands a thrown message to the sign-in form. */
async function assertMayTryForForm(keys: ThrottleKey[]): Promise<void> {
  try {
    await assertMayTry(keys);
  } catch (error) {
    if (error instanceof SignInThrottled) throw new Error(error.message);
    throw error;
  }
}

/** The account, and the client's address when a trusted proxy tells it. */
function throttleKeys(email: string, headers: Record<string, unknown> | undefined): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ kind: "account", value: email }];
  const forwarded = env().TRUST_PROXY ? headers?.["x-forwarded-for"] : undefined;
  const address = typeof forwarded === "string" ? forwarded.split(",")[0].trim() : "";
  if (address) keys.push({ kind: "ip", value: address });
  return keys;
}

/** Single sign-on with the OpenID Connect provider the OIDC_* variables name. */
function oidcProvider(e: Env): Provider {
  return {
    id: "oidc",
    name: e.OIDC_NAME,
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER!.replace(/\/$/, "")}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile: { sub: string; email?: string; name?: string }) {
      return { id: profile.sub, email: profile.email?.toLowerCase() ?? null, name: profile.name ?? profile.email ?? null };
    },
  };
}

function callbacks(): NextAuthOptions["callbacks"] {
  return {
    // next-auth's own redirects (SSO, sign-out) stay on the app's origin too.
    async redirect({ url }) {
      const appUrl = env().APP_URL;
      return new URL(sameOriginPath(url, appUrl) ?? DEFAULT_CALLBACK, appUrl).toString();
    },
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      // SSO maps to an existing, active user by a verified email; nobody is created implicitly.
      const email = verifiedSsoEmail(profile);
      const known = email ? await db().user.findUnique({ where: { email } }) : null;
      if (!known?.active) return "/login?error=AccessDenied";
      await db().user.update({ where: { id: known.id }, data: { lastSignedInAt: new Date() } });
      return true;
    },
    async jwt({ token, user, account, profile }) {
      if (user && account) {
        const email = account.provider === "oidc" ? verifiedSsoEmail(profile) : user.email?.toLowerCase();
        const known = email ? await db().user.findUnique({ where: { email }, select: { id: true } }) : null;
        token.uid = known?.id ?? user.id;
        // Each sign-in is its own session, so signing out can revoke exactly this one.
        token.sid = randomUUID();
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.uid === "string") (session.user as { id?: string }).id = token.uid;
      if (session.user && typeof token.sid === "string") (session.user as { sid?: string }).sid = token.sid;
      return session;
    },
  };
}
