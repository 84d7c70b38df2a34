import type { CodeHasher } from '../domain/one-time-code';

/**
 * S2: one-time codes are kept as keyed hashes (the domain's CodeHasher). A port, and async,
 * because on AWS the key is read from Secrets Manager when a code is first hashed or checked:
 * a cold start that handles neither never loads that client.
 */
export interface CodeHashing {
  hash(code: string, userId: string, commandId: string): Promise<string>;
  /** Constant-time comparison of a candidate code against a stored hash. */
  matches(candidate: string, userId: string, commandId: string, storedHash: string): Promise<boolean>;
}

/** The port over a hasher whose key is already in hand (the local host, tests, AWS once the key is read). */
export function codeHashingWith(hasher: CodeHasher): CodeHashing {
  return {
    hash: async (code, userId, commandId) => hasher.hash(code, userId, commandId),
    matches: async (candidate, userId, commandId, storedHash) => hasher.matches(candidate, userId, commandId, storedHash),
  };
}
