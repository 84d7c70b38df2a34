/**
 * A device's own identity, kept in its folder (`<data dir>/devices/<thing>/`): the private
 * key is made here on first run and never leaves; only the CSR is sent to be signed.
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { forgePublicKey, nativeSigner, newRsaKeyPair, sha256 } from '../pki/forge-keys';

/** What the device connects with: its key and certificate, and the CA that signed the broker's. */
export interface DeviceCredentials {
  key: string;
  cert: string;
  ca: string;
}

const FILES = { key: 'device.key.pem', csr: 'device.csr.pem', cert: 'device.cert.pem', ca: 'ca.cert.pem' } as const;

export class DeviceIdentity {
  private constructor(
    readonly folder: string,
    readonly thingName: string,
  ) {}

  /** Opens the device's folder, making its key and CSR on first run. */
  static async open(devicesDir: string, thingName: string): Promise<DeviceIdentity> {
    const identity = new DeviceIdentity(join(devicesDir, thingName), thingName);
    mkdirSync(identity.folder, { recursive: true, mode: 0o700 });
    if (!existsSync(identity.path('key'))) {
      const { privateKey } = await newRsaKeyPair();
      writeFileSync(identity.path('key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    }
    if (!existsSync(identity.path('csr'))) writeFileSync(identity.path('csr'), identity.makeCsr());
    return identity;
  }

  get csrPem(): string {
    return readFileSync(this.path('csr'), 'utf8');
  }

  /** Undefined until a certificate was saved. */
  credentials(): DeviceCredentials | undefined {
    if (!existsSync(this.path('cert')) || !existsSync(this.path('ca'))) return undefined;
    return { key: readFileSync(this.path('key'), 'utf8'), cert: readFileSync(this.path('cert'), 'utf8'), ca: readFileSync(this.path('ca'), 'utf8') };
  }

  /** The CA is the local stack's; on AWS IoT the device trusts Amazon's root CA instead. */
  saveCertificate(certificatePem: string, caCertificatePem?: string): void {
    writeFileSync(this.path('cert'), certificatePem);
    if (caCertificatePem) writeFileSync(this.path('ca'), caCertificatePem);
  }

  private makeCsr(): string {
    const privateKey = createPrivateKey(readFileSync(this.path('key')));
    const csr = forge.pki.createCertificationRequest();
    csr.publicKey = forgePublicKey(createPublicKey(privateKey));
    csr.setSubject([{ name: 'commonName', value: this.thingName }]);
    csr.sign(nativeSigner(privateKey), sha256());
    return forge.pki.certificationRequestToPem(csr);
  }

  private path(file: keyof typeof FILES): string {
    return join(this.folder, FILES[file]);
  }
}
