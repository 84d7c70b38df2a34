/**
 * node-forge builds the X.509 structures (certificates, CSRs); node's crypto makes the RSA
 * keys and does the private-key operations, which forge would do in slow pure JavaScript.
 */
import { constants, generateKeyPair, privateEncrypt, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import forge from 'node-forge';

/** NIST's floor for RSA keys (SP 800-57); CSRs with smaller keys are refused. */
export const RSA_KEY_BITS = 2048;

/** DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export async function newRsaKeyPair(): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  return promisify(generateKeyPair)('rsa', { modulusLength: RSA_KEY_BITS });
}

export function forgePublicKey(publicKey: KeyObject): forge.pki.rsa.PublicKey {
  return forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey;
}

/**
 * What forge's `cert.sign(key, md)` / `csr.sign(key, md)` needs from a key: an RSASSA-PKCS1-v1_5
 * signature of the digest, made here by node's native RSA.
 */
export function nativeSigner(privateKey: KeyObject): forge.pki.rsa.PrivateKey {
  const sign = (md: forge.md.MessageDigest) => {
    const digest = Buffer.from(md.digest().getBytes(), 'binary');
    const signature = privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
    return signature.toString('binary');
  };
  return { sign } as unknown as forge.pki.rsa.PrivateKey;
}

export function sha256(): forge.md.MessageDigest {
  return forge.md.sha256.create();
}
