import { JwtVerifier } from 'aws-jwt-verify';
import { assertIsJwks, type Jwks } from 'aws-jwt-verify/jwk';
import type { Json } from 'aws-jwt-verify/safe-json-parse';
import type { AccessTokenVerifier } from '../../../ports/access-token-verifier';

/** A public key set as any JWK library types it; its keys are checked when the verifier is built. */
export interface PublicJwks {
  keys: readonly object[];
}

export interface JwtVerifierConfig {
  issuer: string;
  audience: string | string[];
  /** Where the signing keys are published; defaults to `${issuer}/.well-known/jwks.json`. */
  jwksUri?: string;
  /** Keys known up front, so a host that signs its own tokens need not fetch them over HTTP. */
  jwks?: PublicJwks;
}

/** How far a token's `iat`/`nbf` may lie in the future: clocks drift a little, not more. */
const CLOCK_SKEW_SECONDS = 60;

interface AccessClaims {
  aud?: unknown;
  client_id?: unknown;
  exp?: unknown;
  iat?: unknown;
  nbf?: unknown;
  token_use?: unknown;
}

/**
 * S9: accepts an access token only with a valid signature, issuer, audience and expiry.
 * The audience is the `aud` claim, or — for Cognito access tokens, which carry none —
 * the `client_id` claim, so one code path serves the local issuer and Cognito. An `exp`
 * is required (aws-jwt-verify treats it as optional), `token_use` must be `access` (an ID
 * token is not an access token), and `iat`/`nbf` may not lie in the future beyond a small skew.
 */
export class JwtAccessTokenVerifier implements AccessTokenVerifier {
  private readonly verifier;

  constructor({ issuer, audience, jwksUri, jwks }: JwtVerifierConfig) {
    const allowed = new Set([audience].flat());
    const customJwtCheck = ({ payload }: { payload: AccessClaims }) => {
      const claimed = [payload.aud ?? payload.client_id].flat();
      if (!claimed.some((value) => typeof value === 'string' && allowed.has(value))) throw new Error('audience mismatch');
      checkAccessClaims(payload, Date.now() / 1000);
    };
    // JwtVerifier is what aws-jwt-verify 5 calls the former JwtRsaVerifier (which it deprecates).
    this.verifier = JwtVerifier.create({ issuer, audience: null, customJwtCheck, ...(jwksUri && { jwksUri }) });
    if (jwks) this.verifier.cacheJwks(checked(jwks));
  }

  async verify(accessToken: string | undefined): Promise<string | undefined> {
    if (!accessToken) return undefined;
    try {
      const { sub } = await this.verifier.verify(accessToken);
      return sub;
    } catch {
      // Every reason (bad signature, expiry, issuer, audience, alg) means the same to the caller.
      return undefined;
    }
  }
}

function checkAccessClaims(payload: AccessClaims, nowSeconds: number): void {
  if (typeof payload.exp !== 'number') throw new Error('the token has no expiry');
  if (payload.token_use !== 'access') throw new Error('not an access token');
  for (const time of [payload.iat, payload.nbf]) {
    if (time === undefined) continue;
    if (typeof time !== 'number' || time > nowSeconds + CLOCK_SKEW_SECONDS) throw new Error('the token is from the future');
  }
}

/** Fails fast on a malformed key set instead of refusing every token later. */
function checked(jwks: PublicJwks): Jwks {
  const json = jwks as unknown as Json;
  assertIsJwks(json);
  return json;
}
