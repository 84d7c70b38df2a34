import { JwtRsaVerifier } from 'aws-jwt-verify';
import type { AccessTokenVerifier } from '../../../ports/access-token-verifier';

export interface JwtVerifierOptions {
  issuer: string;
  audience: string;
  jwksUri: string;
  /** Pre-loaded keys, so a host that is its own issuer need not fetch them over HTTP. */
  jwks?: { keys: object[] };
}

/** S9: verifies signature, issuer, audience and expiry with aws-jwt-verify; any failure means "not linked". */
export class JwtAccessTokenVerifier implements AccessTokenVerifier {
  private readonly verifier;

  constructor(options: JwtVerifierOptions) {
    const { issuer, audience, jwksUri, jwks } = options;
    this.verifier = JwtRsaVerifier.create({ issuer, audience, jwksUri });
    if (jwks) this.verifier.cacheJwks(jwks as never);
  }

  async verify(accessToken: string | undefined): Promise<string | undefined> {
    if (!accessToken) return undefined;
    try {
      const payload = await this.verifier.verify(accessToken);
      return typeof payload.sub === 'string' ? payload.sub : undefined;
    } catch {
      return undefined;
    }
  }
}
