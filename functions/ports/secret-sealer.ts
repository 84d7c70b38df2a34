/**
 * Encrypts factor secrets before they are stored (KMS on AWS, AES-256-GCM with a key in
 * the data dir locally). A sealed secret is bound to its context, so one stored under
 * another user's record does not open.
 */
export interface SecretSealer {
  /** An opaque, storable text; never the secret in any readable form. */
  seal(secret: string, context: string): Promise<string>;
  /** The secret; rejects when the sealed text was altered or sealed for another context. */
  open(sealed: string, context: string): Promise<string>;
}
