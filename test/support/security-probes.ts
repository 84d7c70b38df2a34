/**
 * Probes for the security-rule e2e suites (test/security/security-*.test.ts): predictable code
 * sequences, forged access tokens, snapshots of everything the stack persists, and
 * recorders for HTTP bodies and console output.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, generateKeyPair, importJWK, type JWK } from 'jose';
import type { Command, InstanceAction } from '../../functions/domain/command';
import { secureCodeGenerator, type CodeGenerator } from '../../functions/ports/code-generator';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../infra/local/identity/dev-token-issuer';
import type { ApiAuditEvent, ApiExecution, ApiMessage, LocalStackHarness } from './local-stack-harness';

/** Hands out the given codes in order, then real ones: exact assertions without collisions. */
export function codeSequence(...codes: string[]): CodeGenerator {
  const queue = [...codes];
  return { generate: (digits) => queue.shift() ?? secureCodeGenerator.generate(digits) };
}

/** A code of the same length that is certainly not `code`. */
export function otherCode(code: string): string {
  return code
    .split('')
    .map((d) => String((Number(d) + 1) % 10))
    .join('');
}

/** Everything the stack persists that a refused request must leave untouched. */
export interface WorldState {
  executions: ApiExecution[];
  audit: ApiAuditEvent[];
  outbox: ApiMessage[];
  instances: { instanceId: string; alias: string; state: string }[];
}

export async function worldState(vg: LocalStackHarness): Promise<WorldState> {
  const [executions, audit, outbox, { instances }] = await Promise.all([
    vg.executions(),
    vg.audit(),
    vg.outbox(),
    vg.get<{ instances: WorldState['instances'] }>('/api/instances'),
  ]);
  return { executions, audit, outbox, instances };
}

/** A command shaped as the workflow carries it, for calling use cases directly. */
export function commandFor(userId: string, action: InstanceAction, target: string, instanceId: string): Command {
  return { commandId: randomUUID(), userId, action, target, policyTarget: target, instanceId, requestedAt: new Date().toISOString() };
}

// ---- Access tokens (S9) ----------------------------------------------------------------

export interface TokenClaims {
  sub?: string;
  iss?: string;
  aud?: string;
  /** Seconds since the epoch; null leaves the claim out. */
  exp?: number | null;
  iat?: number;
  token_use?: string;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

function claimsOf({
  sub = 'alice',
  iss = LOCAL_ISSUER,
  aud = LOCAL_AUDIENCE,
  exp = nowSeconds() + 3600,
  iat = nowSeconds() - 60,
  token_use = 'access',
}: TokenClaims) {
  return { sub, iss, aud, ...(exp !== null && { exp }), iat, token_use };
}

/** Signed with the local issuer's own key (read from the data dir): only the claims are wrong. */
export async function tokenSignedByStack(vg: LocalStackHarness, claims: TokenClaims): Promise<string> {
  const jwk = JSON.parse(readFileSync(join(vg.config.dataDir, 'issuer-key.json'), 'utf8')) as JWK;
  const kid = vg.stack.issuer.jwks.keys[0]?.kid;
  return new SignJWT(claimsOf(claims)).setProtectedHeader({ alg: 'RS256', kid }).sign(await importJWK(jwk, 'RS256'));
}

/** Right claims and the stack's key id, but signed by a key the stack never published. */
export async function tokenSignedByOtherKey(vg: LocalStackHarness, claims: TokenClaims = {}): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  const kid = vg.stack.issuer.jwks.keys[0]?.kid;
  return new SignJWT(claimsOf(claims)).setProtectedHeader({ alg: 'RS256', kid }).sign(privateKey);
}

/** `alg: none`: right claims, no signature at all. */
export function unsignedToken(vg: LocalStackHarness, claims: TokenClaims = {}): string {
  const kid = vg.stack.issuer.jwks.keys[0]?.kid;
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT', kid })}.${part(claimsOf(claims))}.`;
}

// ---- Recorders (S12) -------------------------------------------------------------------

export interface HttpExchange {
  method: string;
  url: string;
  body: string;
}

/** Records every HTTP response body the test receives through the global fetch. */
export function recordHttpBodies(): { exchanges: HttpExchange[]; restore(): void } {
  const exchanges: HttpExchange[] = [];
  const realFetch = globalThis.fetch;
  const spy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const response = await realFetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    exchanges.push({ method: init?.method ?? 'GET', url, body: await response.clone().text() });
    return response;
  });
  return { exchanges, restore: () => spy.mockRestore() };
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/** Captures everything written through console.* (still printed). */
export function recordConsole(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const spies = CONSOLE_METHODS.map((method) => {
    const original = console[method].bind(console);
    return jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.name}: ${a.message}\n${a.stack}` : JSON.stringify(a))).join(' '));
      original(...args);
    });
  });
  return {
    lines,
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

/** Where in `haystacks` (labelled texts) each secret appears; codes match only as whole numbers. */
export function leaks(haystacks: Record<string, string>, secrets: { codes: string[]; plain: string[] }): string[] {
  const found: string[] = [];
  for (const [label, text] of Object.entries(haystacks)) {
    for (const code of secrets.codes) {
      if (new RegExp(`(?<!\\d)${code}(?!\\d)`).test(text)) found.push(`code ${code} in ${label}`);
    }
    for (const secret of secrets.plain) {
      if (text.includes(secret)) found.push(`"${secret.slice(0, 12)}..." in ${label}`);
    }
  }
  return found;
}
