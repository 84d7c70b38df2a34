import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey, type JWTPayload } from 'jose';
import { JwtAccessTokenVerifier } from '../../functions/adapters/aws/auth/jwt-access-token-verifier';

const ISSUER = 'https://auth.voicegate.example';
const AUDIENCE = 'voicegate-skill';
const KEY_ID = 'signing-key-1';
const USER = 'user-alice';
/** Nothing listens here: a token that made the verifier fetch keys would fail fast, not hang. */
const UNREACHABLE_JWKS = 'http://127.0.0.1:1/.well-known/jwks.json';
const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
const nowSeconds = () => Math.floor(Date.now() / 1000);
const validClaims = () => ({ token_use: 'access', sub: USER, iss: ISSUER, aud: AUDIENCE, iat: nowSeconds(), exp: nowSeconds() + 300 });

describe('JwtAccessTokenVerifier (S9)', () => {
  let signingKey: CryptoKey;
  let otherKey: CryptoKey;
  let verifier: JwtAccessTokenVerifier;

  /** A valid access token, unless `claims`, `key` or `kid` say otherwise. */
  function token(claims: JWTPayload = {}, key = signingKey, kid = KEY_ID): Promise<string> {
    return new SignJWT({ ...validClaims(), ...claims }).setProtectedHeader({ alg: 'RS256', kid }).sign(key);
  }

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    const publicJwk = { ...(await exportJWK(pair.publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' };
    const jwks = { keys: [publicJwk] };
    verifier = new JwtAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUri: UNREACHABLE_JWKS, jwks });
  });
  beforeEach(() => {
    for (const method of CONSOLE_METHODS) jest.spyOn(console, method);
  });
  afterEach(() => {
    // Tokens are secrets (S12): whatever the outcome, nothing is logged.
    for (const method of CONSOLE_METHODS) expect(console[method]).not.toHaveBeenCalled();
    jest.restoreAllMocks();
  });

  it("returns the linked user's id for a valid token", async () => {
    expect(await verifier.verify(await token())).toBe(USER);
  });

  it.each([
    ['that has expired', () => token({ exp: nowSeconds() - 60 })],
    ['from another issuer', () => token({ iss: 'https://evil.example' })],
    ['for another audience', () => token({ aud: 'some-other-skill' })],
    ['signed with another key', () => token({}, otherKey)],
    ['signed with a key it does not know', () => token({}, signingKey, 'unknown-key')],
    ['that is unsigned (alg none)', async () => new UnsecuredJWT(validClaims()).encode()],
    ['that is not a JWT at all', async () => 'not-a-jwt'],
    ['that is empty', async () => ''],
    ['without an expiry (exp)', () => token({ exp: undefined })],
    ['that is an ID token (token_use id)', () => token({ token_use: 'id' })],
    ['without a token_use', () => token({ token_use: undefined })],
    ['issued an hour in the future (iat)', () => token({ iat: nowSeconds() + 3600 })],
    ['not valid before an hour from now (nbf)', () => token({ nbf: nowSeconds() + 3600 })],
    ['with a non-numeric iat', () => token({ iat: 'yesterday' as unknown as number })],
  ])('returns undefined for a token %s', async (_reason, makeToken) => {
    expect(await verifier.verify(await makeToken())).toBeUndefined();
  });

  it("accepts an iat a little ahead of this machine's clock", async () => {
    expect(await verifier.verify(await token({ iat: nowSeconds() + 30 }))).toBe(USER);
  });

  it('accepts a Cognito-style access token whose audience is its client_id claim', async () => {
    expect(await verifier.verify(await token({ aud: undefined, client_id: AUDIENCE }))).toBe(USER);
  });

  it.each([
    ['names another client', { aud: undefined, client_id: 'another-app-client' }],
    ['names no audience at all', { aud: undefined }],
  ])('returns undefined for a token that %s', async (_reason, claims) => {
    expect(await verifier.verify(await token(claims))).toBeUndefined();
  });

  it('returns undefined when there is no token', async () => {
    expect(await verifier.verify(undefined)).toBeUndefined();
  });

  it('refuses a malformed pre-loaded key set when it is built, not on every request', () => {
    expect(() => new JwtAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: { keys: [{ kid: KEY_ID }] } })).toThrow();
  });
});
