/** The Base32 secret an authenticator app reads from an `otpauth://` URI. */
export function secretOf(otpauthUri: string): string {
  const secret = new URL(otpauthUri).searchParams.get('secret');
  if (!secret) throw new Error('the URI carries no secret');
  return secret;
}
