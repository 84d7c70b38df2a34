import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/** Where local account-linking tokens say they come from, and whom they are for. */
export const LOCAL_ISSUER = 'https://voicegate.local/issuer';
export const LOCAL_AUDIENCE = 'voicegate-skill';
const KEY_ID = 'voicegate-local-1';
const TOKEN_LIFETIME = '1h';

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

export interface Jwks {
  keys: JWK[];
}

/**
 * The local stand-in for Cognito: an RS256 key kept in the data dir signs account-linking
 * access tokens, verified by the same aws-jwt-verify path as on AWS.
 */
export class DevTokenIssuer {
  private constructor(
    private readonly privateKey: SigningKey,
    readonly jwks: Jwks,
  ) {}

  /** Loads the key from `dataDir`, creating it on first start; memory only without a dir. */
  static async open(dataDir?: string): Promise<DevTokenIssuer> {
    const path = dataDir && join(dataDir, 'issuer-key.json');
    const privateJwk = path && existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as JWK) : await newPrivateJwk();
    if (path && !existsSync(path)) writeFileSync(path, JSON.stringify(privateJwk), { mode: 0o600 });
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
    const privateKey = await importJWK(privateJwk, 'RS256');
    return new DevTokenIssuer(privateKey, { keys: [{ ...publicJwk, kid: KEY_ID, alg: 'RS256', use: 'sig' }] });
  }

  issue(userId: string): Promise<string> {
    return new SignJWT({ token_use: 'access' })
      .setProtectedHeader({ alg: 'RS256', kid: KEY_ID })
      .setSubject(userId)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(TOKEN_LIFETIME)
      .sign(this.privateKey);
  }
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return exportJWK(privateKey);
}
