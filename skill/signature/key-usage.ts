import type { X509Certificate } from 'node:crypto';

/** The first byte of the KeyUsage BIT STRING (RFC 5280 4.2.1.3): digitalSignature is bit 0, keyCertSign bit 5. */
const DIGITAL_SIGNATURE = 0x80;
const KEY_CERT_SIGN = 0x04;

/**
 * Whether this certificate may sign other certificates (RFC 5280 6.1.4): basicConstraints
 * says CA, and keyUsage, when present, includes keyCertSign.
 */
export function mayIssueCertificates(cert: X509Certificate): boolean {
  if (!cert.ca) return false;
  const usage = keyUsageBits(cert);
  return usage === undefined || (usage & KEY_CERT_SIGN) !== 0;
}

/**
 * Whether this end-entity certificate may sign requests: it is no CA (a CA key signs
 * certificates, not messages), its keyUsage, when present, includes digitalSignature, and its
 * extended key usage, when present, allows TLS authentication (a code-signing or e-mail
 * certificate from the same CA is refused).
 */
export function maySignRequests(cert: X509Certificate): boolean {
  if (cert.ca) return false;
  const usage = keyUsageBits(cert);
  if (usage !== undefined && (usage & DIGITAL_SIGNATURE) === 0) return false;
  const purposes = cert.keyUsage;
  /** Extended key usages under which a TLS-style signing certificate may sign (RFC 5280 4.2.1.12). */
  const signingPurposes = [
    '1.3.6.1.5.5.7.3.1', // serverAuth: what Amazon's echo-api certificates carry
    '1.3.6.1.5.5.7.3.2', // clientAuth
    '2.5.29.37.0', // anyExtendedKeyUsage
  ];
  return purposes === undefined || purposes.some((purpose) => signingPurposes.includes(purpose));
}

/**
 * The first byte of the keyUsage bits; undefined without the extension, 0 when it cannot be
 * read (so nothing is allowed). Node exposes no keyUsage, so it is read from the DER
 * (Extension ::= extnID, critical BOOLEAN optional, OCTET STRING holding the BIT STRING).
 */
function keyUsageBits(cert: X509Certificate): number | undefined {
  const der = cert.raw;
  /** id-ce-keyUsage (2.5.29.15) as DER: OBJECT IDENTIFIER, length 3, 55 1D 0F. */
  const keyUsageOid = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x0f]);
  const at = der.indexOf(keyUsageOid);
  if (at < 0) return undefined;
  let i = at + keyUsageOid.length;
  if (der[i] === 0x01) i += 2 + (der[i + 1] ?? der.length); // critical flag (past the end when cut short)
  if (der[i] !== 0x04 || der[i + 2] !== 0x03) return 0; // OCTET STRING { BIT STRING }
  const bitsLength = der[i + 3];
  const firstBits = der[i + 5];
  // Stryker disable next-line ConditionalExpression: the length byte comes before the first bits' byte, so whenever the bits are there the length is too
  return bitsLength !== undefined && firstBits !== undefined && bitsLength >= 2 ? firstBits : 0;
}
