import type { X509Certificate } from 'node:crypto';

/** id-ce-keyUsage (2.5.29.15) as DER: OBJECT IDENTIFIER, length 3, 55 1D 0F. */
const KEY_USAGE_OID = Buffer.from([0x06, 0x03, 0x55, 0x1d, 0x0f]);
/** keyCertSign is bit 5 of the KeyUsage BIT STRING (RFC 5280 4.2.1.3): 0x04 in its first byte. */
const KEY_CERT_SIGN = 0x04;

/**
 * Whether this certificate may sign other certificates (RFC 5280 6.1.4): basicConstraints
 * says CA, and keyUsage, when present, includes keyCertSign. Node exposes the first; the
 * second is read from the DER (Extension ::= extnID, critical BOOLEAN optional, OCTET STRING
 * holding the BIT STRING).
 */
export function mayIssueCertificates(cert: X509Certificate): boolean {
  if (!cert.ca) return false;
  const der = cert.raw;
  const at = der.indexOf(KEY_USAGE_OID);
  if (at < 0) return true;
  let i = at + KEY_USAGE_OID.length;
  if (der[i] === 0x01) i += 2 + (der[i + 1] ?? der.length); // critical flag (past the end when cut short)
  if (der[i] !== 0x04 || der[i + 2] !== 0x03) return false; // OCTET STRING { BIT STRING }
  const bitsLength = der[i + 3];
  const firstBits = der[i + 5];
  return bitsLength !== undefined && firstBits !== undefined && bitsLength >= 2 && (firstBits & KEY_CERT_SIGN) !== 0;
}
