/** S9: checks an account-linking access token (signature, issuer, audience, expiry). */
export interface AccessTokenVerifier {
  /** The linked user's id, or undefined for a missing, bad or expired token. */
  verify(accessToken: string | undefined): Promise<string | undefined>;
}
