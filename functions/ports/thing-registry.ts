/** A certificate the registry signed from a device's CSR; the private key stayed on the device. */
export interface IssuedCertificate {
  certificateId: string;
  certificateArn: string;
  certificatePem: string;
}

export interface ThingRecord {
  thingName: string;
  /** The `owner` attribute: a linked user's id. */
  owner: string | undefined;
}

/** The device registry's control plane (AWS IoT Core): things, their certificates and policy. */
export interface ThingRegistry {
  /** The thing as registered, or undefined when there is none of that name. */
  find(thingName: string): Promise<ThingRecord | undefined>;
  /** Creates the thing (of VoiceGate's thing type) with these registry attributes. */
  create(thingName: string, attributes: Record<string, string>): Promise<void>;
  /** Signs the CSR as an active certificate with the device policy, attached to the thing. */
  certify(thingName: string, csrPem: string): Promise<IssuedCertificate>;
  /** The ARNs of the certificates attached to the thing. */
  certificatesOf(thingName: string): Promise<string[]>;
  /** Revokes a certificate, then detaches it from the thing and the device policy. */
  retire(thingName: string, certificateArn: string): Promise<void>;
}
