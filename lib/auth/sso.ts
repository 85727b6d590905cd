/**
 * The email an SSO sign-in may be matched by: only one the identity provider says it has
 * verified. An unverified address (self-service sign-up at the provider, say) could name
 * anyone, so it matches nobody.
 */
export function verifiedSsoEmail(profile: unknown): string | null {
  if (!profile || typeof profile !== "object") return null;
  const { email, email_verified: verified } = profile as { email?: unknown; email_verified?: unknown };
  if (typeof email !== "string" || !email.includes("@")) return null;
  // Some providers send the claim as a string.
  if (verified !== true && verified !== "true") return null;
  return email.trim().toLowerCase();
}
