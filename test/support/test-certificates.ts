import { generateKeyPairSync, sign, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

/** A key pair: node's native generator and signer, forge only for the certificate structure (its pure-JS RSA takes ~1 s a signature). */
function keyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    forgePublic: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
  };
}

interface CertOptions {
  commonName: string;
  isCa: boolean;
  /** Defaults to isCa. */
  keyCertSign?: boolean;
  /** Defaults to true. */
  digitalSignature?: boolean;
  /** Extended key usages (forge's names); none when absent, as on CA certificates. */
  extKeyUsage?: ('serverAuth' | 'clientAuth' | 'codeSigning' | 'emailProtection')[];
  altNames?: string[];
  notBefore?: Date;
  notAfter?: Date;
}

type KeyPair = ReturnType<typeof keyPair>;

/** How a test wants the signing certificate to differ from Amazon's. */
export type LeafOptions = Partial<CertOptions>;

function certificate(subjectKeys: KeyPair, options: CertOptions, issuer?: { keys: KeyPair; cert: forge.pki.Certificate }) {
  const cert = forge.pki.createCertificate();
  cert.publicKey = subjectKeys.forgePublic;
  cert.serialNumber = `0${Math.floor(Math.random() * 1e12).toString(16)}`;
  cert.validity.notBefore = options.notBefore ?? new Date(Date.now() - 3600_000);
  cert.validity.notAfter = options.notAfter ?? new Date(Date.now() + 86400_000);
  const subject = [{ name: 'commonName', value: options.commonName }];
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: options.isCa },
    { name: 'keyUsage', keyCertSign: options.keyCertSign ?? options.isCa, digitalSignature: options.digitalSignature ?? true },
    ...(options.extKeyUsage ? [{ name: 'extKeyUsage', ...Object.fromEntries(options.extKeyUsage.map((purpose) => [purpose, true])) }] : []),
    ...(options.altNames ? [{ name: 'subjectAltName', altNames: options.altNames.map((value) => ({ type: 2, value })) }] : []),
  ]);
  signWithNode(cert, (issuer ?? { keys: subjectKeys }).keys.privatePem);
  return cert;
}

/** What forge's cert.sign does (SHA-256 with RSA over the DER TBSCertificate), with node's native RSA. */
function signWithNode(cert: forge.pki.Certificate, issuerPrivatePem: string): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption!;
  cert.signatureOid = oid;
  cert.siginfo.algorithmOid = oid;
  // Exported by forge, missing from its type definitions.
  const tbs = (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
  const der = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary');
  Object.assign(cert, { tbsCertificate: tbs, signature: sign('sha256', der, issuerPrivatePem).toString('binary') });
}

export interface TestPki {
  root: X509Certificate;
  /** Leaf + intermediate, as Alexa's chain URL serves it. */
  chainPem: string;
  /** Signs a body as Alexa would (SHA-256 with RSA, base64). */
  signBody(body: string | Buffer): string;
}

/**
 * A local CA → intermediate → "echo-api.amazon.com" signing certificate, for S10 tests. The leaf
 * carries what Amazon's does (digitalSignature; serverAuth and clientAuth); `leaf` and
 * `intermediate` can make either one that may not sign what it signs.
 */
export function makeTestPki(leaf: LeafOptions = {}, intermediate: { isCa?: boolean; keyCertSign?: boolean } = {}): TestPki {
  const rootKeys = keyPair();
  const rootCert = certificate(rootKeys, { commonName: 'VoiceGate Test Root', isCa: true });
  const midKeys = keyPair();
  const midCert = certificate(
    midKeys,
    { commonName: 'VoiceGate Test Intermediate', isCa: intermediate.isCa ?? true, keyCertSign: intermediate.keyCertSign },
    { keys: rootKeys, cert: rootCert },
  );
  const leafKeys = keyPair();
  const leafCert = certificate(
    leafKeys,
    { commonName: 'echo-api.amazon.com', isCa: false, altNames: ['echo-api.amazon.com'], extKeyUsage: ['serverAuth', 'clientAuth'], ...leaf },
    { keys: midKeys, cert: midCert },
  );
  const pem = forge.pki.certificateToPem;
  return {
    root: new X509Certificate(pem(rootCert)),
    chainPem: pem(leafCert) + pem(midCert),
    signBody: (body) => sign('sha256', Buffer.from(body), leafKeys.privatePem).toString('base64'),
  };
}
