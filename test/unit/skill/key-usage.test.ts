/**
 * S10: which certificate may sign what, read from the keyUsage extension's DER. The certificates
 * here are stand-ins carrying hand-made DER, so each byte the parser relies on is pinned.
 */
import type { X509Certificate } from 'node:crypto';
import { mayIssueCertificates, maySignRequests } from '../../../skill/signature/key-usage';

const KEY_USAGE_OID = [0x06, 0x03, 0x55, 0x1d, 0x0f];
const CRITICAL = [0x01, 0x01, 0xff];
/** Some DER before the extension, as in a real certificate. */
const PREFIX = [0x30, 0x82, 0x01, 0x0a, 0x02, 0x01, 0x01];
const DIGITAL_SIGNATURE = 0x80;
const KEY_CERT_SIGN = 0x04;

/** OCTET STRING { BIT STRING { unused bits, first byte } }. */
const keyUsage = (firstByte: number) => [0x04, 0x04, 0x03, 0x02, 0x01, firstByte];

function cert({ ca = false, der = [] as number[], purposes = undefined as string[] | undefined }): X509Certificate {
  return { ca, raw: Buffer.from(der), keyUsage: purposes } as unknown as X509Certificate;
}

describe('maySignRequests (the signing certificate)', () => {
  it('allows an end-entity certificate without keyUsage or extended key usage', () => {
    expect(maySignRequests(cert({ der: PREFIX }))).toBe(true);
  });

  it('refuses a CA certificate whatever its key usage', () => {
    expect(maySignRequests(cert({ ca: true, der: [...PREFIX, ...KEY_USAGE_OID, ...keyUsage(DIGITAL_SIGNATURE)] }))).toBe(false);
  });

  it('reads digitalSignature from the first key-usage byte, critical or not', () => {
    expect(maySignRequests(cert({ der: [...PREFIX, ...KEY_USAGE_OID, ...keyUsage(DIGITAL_SIGNATURE)] }))).toBe(true);
    expect(maySignRequests(cert({ der: [...PREFIX, ...KEY_USAGE_OID, ...CRITICAL, ...keyUsage(DIGITAL_SIGNATURE)] }))).toBe(true);
    expect(maySignRequests(cert({ der: [...PREFIX, ...KEY_USAGE_OID, ...keyUsage(KEY_CERT_SIGN)] }))).toBe(false);
    expect(maySignRequests(cert({ der: [...PREFIX, ...KEY_USAGE_OID, ...CRITICAL, ...keyUsage(KEY_CERT_SIGN)] }))).toBe(false);
  });

  it('finds the extension at the very start of the DER too', () => {
    expect(maySignRequests(cert({ der: [...KEY_USAGE_OID, ...keyUsage(KEY_CERT_SIGN)] }))).toBe(false);
  });

  it.each([
    ['a critical flag cut short', [...PREFIX, ...KEY_USAGE_OID, 0x01]],
    ['a longer critical field than the DER holds', [...PREFIX, ...KEY_USAGE_OID, 0x01, 0x7f, 0xff, ...keyUsage(DIGITAL_SIGNATURE)]],
    ['no OCTET STRING', [...PREFIX, ...KEY_USAGE_OID, 0x05, 0x04, 0x03, 0x02, 0x01, DIGITAL_SIGNATURE]],
    ['an OCTET STRING without a BIT STRING', [...PREFIX, ...KEY_USAGE_OID, 0x04, 0x04, 0x02, 0x02, 0x01, DIGITAL_SIGNATURE]],
    ['a BIT STRING with no bits', [...PREFIX, ...KEY_USAGE_OID, 0x04, 0x03, 0x03, 0x01, 0x00, DIGITAL_SIGNATURE]],
    ['a BIT STRING cut short', [...PREFIX, ...KEY_USAGE_OID, 0x04, 0x04, 0x03, 0x02, 0x01]],
  ])('allows nothing when the key usage cannot be read: %s', (_label, der) => {
    expect(maySignRequests(cert({ der }))).toBe(false);
  });

  it.each([['1.3.6.1.5.5.7.3.1'], ['1.3.6.1.5.5.7.3.2'], ['2.5.29.37.0']])('allows the TLS or any extended key usage %s', (purpose) => {
    expect(maySignRequests(cert({ der: PREFIX, purposes: ['1.3.6.1.5.5.7.3.3', purpose] }))).toBe(true);
  });

  it('refuses a certificate whose extended key usage is only code signing or e-mail', () => {
    expect(maySignRequests(cert({ der: PREFIX, purposes: ['1.3.6.1.5.5.7.3.3', '1.3.6.1.5.5.7.3.4'] }))).toBe(false);
    expect(maySignRequests(cert({ der: PREFIX, purposes: [] }))).toBe(false);
  });
});

describe('mayIssueCertificates (each issuer up the chain)', () => {
  it('allows a CA without keyUsage, or whose keyUsage includes keyCertSign', () => {
    expect(mayIssueCertificates(cert({ ca: true, der: PREFIX }))).toBe(true);
    expect(mayIssueCertificates(cert({ ca: true, der: [...PREFIX, ...KEY_USAGE_OID, ...keyUsage(KEY_CERT_SIGN)] }))).toBe(true);
  });

  it('refuses a certificate that is no CA, or a CA whose keyUsage lacks keyCertSign', () => {
    expect(mayIssueCertificates(cert({ ca: false, der: [...PREFIX, ...KEY_USAGE_OID, ...keyUsage(KEY_CERT_SIGN)] }))).toBe(false);
    expect(mayIssueCertificates(cert({ ca: true, der: [...PREFIX, ...KEY_USAGE_OID, ...keyUsage(DIGITAL_SIGNATURE)] }))).toBe(false);
  });
});
