/**
 * Alexa's rules for the SignatureCertChainUrl header: https, host s3.amazonaws.com
 * (any case), port 443 if given, and a normalized path under /echo.api/.
 */
export function isAlexaCertChainUrl(value: string | undefined): value is string {
  // Stryker disable next-line ConditionalExpression: equivalent for → false — new URL() throws on undefined and '' alike, and the catch answers false (→ true, also on this line, is killed: every URL would be refused)
  if (!value) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.hostname.toLowerCase() === 's3.amazonaws.com' &&
    // The URL parser drops https's default port, so ":443" reads as no port.
    url.port === '' &&
    // The URL parser has already resolved "." and "..": only where the path ends up counts.
    url.pathname.startsWith('/echo.api/')
  );
}

/** One cache key per chain however the header spells it (host case, :443, ".." segments). */
export function normalizedCertChainUrl(value: string): string {
  return new URL(value).href;
}
