/**
 * The local stand-in for AWS IoT's certificate service: a certificate authority whose key
 * stays in the data dir. It signs the broker's TLS certificate and devices' certificate
 * signing requests; a device's private key never comes here.
 */
import { createHash, createPrivateKey, createPublicKey, randomBytes, X509Certificate, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { forgePublicKey, newRsaKeyPair, nativeSigner, RSA_KEY_BITS, sha256 } from './forge-keys';

const CA_NAME = 'VoiceGate Local Device CA';
const DAY_MS = 86_400_000;

export interface IssuedCertificate {
  /** As AWS IoT names certificates: the SHA-256 of the DER encoding, in hex. */
  certificateId: string;
  certificatePem: string;
}

export interface TlsCredentials {
  key: string;
  cert: string;
}

/** Why a certificate signing request was refused, in words for the API's 400 answer. */
export class CsrRefusedError extends Error {
  override name = 'CsrRefusedError';
}

export function certificateIdOf(certificate: string | Buffer): string {
  const der = typeof certificate === 'string' ? new X509Certificate(certificate).raw : certificate;
  return createHash('sha256').update(der).digest('hex');
}

export class LocalCertificateAuthority {
  private constructor(
    private readonly dir: string,
    private readonly privateKey: KeyObject,
    private readonly certificate: forge.pki.Certificate,
    readonly certificatePem: string,
  ) {}

  /** Loads the CA from `dir`, creating it on first start. */
  static async open(dir: string): Promise<LocalCertificateAuthority> {
    mkdirSync(dir, { recursive: true });
    const keyPath = join(dir, 'ca.key.pem');
    const certPath = join(dir, 'ca.cert.pem');
    if (!existsSync(keyPath) || !existsSync(certPath)) {
      const { privateKey, publicKey } = await newRsaKeyPair();
      const subject = [{ name: 'commonName', value: CA_NAME }];
      const cert = newCertificate(publicKey, subject, subject, 10 * 365);
      cert.setExtensions([
        { name: 'basicConstraints', cA: true, critical: true },
        { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        { name: 'subjectKeyIdentifier' },
      ]);
      cert.sign(nativeSigner(privateKey), sha256());
      writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      writeFileSync(certPath, forge.pki.certificateToPem(cert));
    }
    const pem = readFileSync(certPath, 'utf8');
    return new LocalCertificateAuthority(dir, createPrivateKey(readFileSync(keyPath)), forge.pki.certificateFromPem(pem), pem);
  }

  /** The broker's TLS key and certificate for 127.0.0.1 and localhost, made once. */
  async serverCredentials(): Promise<TlsCredentials> {
    const keyPath = join(this.dir, 'broker.key.pem');
    const certPath = join(this.dir, 'broker.cert.pem');
    if (!existsSync(keyPath) || !existsSync(certPath)) {
      const { privateKey, publicKey } = await newRsaKeyPair();
      const cert = this.issue(publicKey, 'localhost', 825, [
        { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
        { name: 'extKeyUsage', serverAuth: true },
        {
          name: 'subjectAltName',
          altNames: [
            { type: 2, value: 'localhost' },
            { type: 7, ip: '127.0.0.1' },
          ],
        },
      ]);
      writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      writeFileSync(certPath, cert);
    }
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  }

  /**
   * Signs a device's CSR after checking its signature (the requester holds the private key)
   * and its key size. The certificate names the thing; the CSR's own subject is ignored.
   */
  signDeviceCsr(csrPem: string, thingName: string): IssuedCertificate {
    const publicKey = verifiedCsrKey(csrPem);
    const certificatePem = this.issue(publicKey, thingName, 365, [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', clientAuth: true },
    ]);
    return { certificateId: certificateIdOf(certificatePem), certificatePem };
  }

  private issue(publicKey: KeyObject, commonName: string, days: number, extensions: object[]): string {
    const cert = newCertificate(publicKey, [{ name: 'commonName', value: commonName }], this.certificate.subject.attributes, days);
    cert.setExtensions([...extensions, { name: 'authorityKeyIdentifier', keyIdentifier: this.certificate.generateSubjectKeyIdentifier().getBytes() }]);
    cert.sign(nativeSigner(this.privateKey), sha256());
    return forge.pki.certificateToPem(cert);
  }
}

function newCertificate(
  publicKey: KeyObject,
  subject: forge.pki.CertificateField[],
  issuer: forge.pki.CertificateField[],
  days: number,
): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forgePublicKey(publicKey);
  // Positive 128-bit serial (RFC 5280 allows up to 20 octets).
  cert.serialNumber = `01${randomBytes(16).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + days * DAY_MS);
  cert.setSubject(subject);
  cert.setIssuer(issuer);
  return cert;
}

function verifiedCsrKey(csrPem: string): KeyObject {
  let csr: forge.pki.CertificateSigningRequest;
  try {
    csr = forge.pki.certificationRequestFromPem(csrPem);
  } catch {
    throw new CsrRefusedError('csr must be a PEM-encoded PKCS #10 certificate signing request with an RSA key');
  }
  if (!csr.verify()) throw new CsrRefusedError('the CSR signature does not verify');
  const publicKey = createPublicKey(forge.pki.publicKeyToPem(csr.publicKey as forge.pki.rsa.PublicKey));
  const bits = publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (bits < RSA_KEY_BITS) throw new CsrRefusedError(`the CSR key has ${bits} bits; at least ${RSA_KEY_BITS} are required`);
  return publicKey;
}
