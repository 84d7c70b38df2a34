/**
 * Alexa's rules for the SignatureCertChainUrl header: https, host s3.amazonaws.com
 * (any case), port 443 if given, and a normalized path under /echo.api/.
 */
export function isAlexaCertChainUrl(value: string | undefined): boolean {
  if (!value) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const rawPath = value.replace(/^[a-z]+:\/\/[^/]+/i, '');
  return (
    url.protocol === 'https:' &&
    url.hostname.toLowerCase() === 's3.amazonaws.com' &&
    (url.port === '' || url.port === '443') &&
    url.pathname.startsWith('/echo.api/') &&
    !/\/\.\.?(\/|$)/.test(rawPath)
  );
}
