/**
 * Which factors may confirm which command, kept as data: a default list, lists per action,
 * and lists per target that override the action's. Each list is in preference order.
 */
import { FACTORS, isFactor, type Factor } from './factor';

export interface FactorPolicy {
  /** Accepted for any action and target without a list of its own. */
  default: Factor[];
  /** By action ("start", "unlock", ...). */
  actions: Record<string, Factor[]>;
  /** By target alias ("build", "front door"); overrides the action's list. */
  targets: Record<string, Factor[]>;
  /** false turns e-mail codes off everywhere (NIST 800-63B rev. 4 bars e-mail for out-of-band codes). */
  emailEnabled: boolean;
}

export const DEFAULT_FACTOR_POLICY: FactorPolicy = {
  default: ['totp', 'aws-mfa', 'sms', 'email'],
  // Unlocking prefers the strong factors and never takes e-mail; SMS stays allowed so a new
  // user can unlock out of the box. Set VOICEGATE_FACTOR_POLICY to require an app.
  actions: { unlock: ['totp', 'aws-mfa', 'sms'] },
  targets: {},
  emailEnabled: true,
};

/**
 * The factors that may confirm `action` on `target`, most preferred first. Targets are names
 * users choose ("constructor" is a fine device name), so only the policy's own keys count.
 */
export function acceptedFactors(policy: FactorPolicy, action: string, target: string): Factor[] {
  const listed = ownList(policy.targets, target.toLowerCase()) ?? ownList(policy.actions, action) ?? policy.default;
  return listed.filter((factor) => factor !== 'email' || policy.emailEnabled);
}

function ownList(lists: Record<string, Factor[]>, key: string): Factor[] | undefined {
  return Object.hasOwn(lists, key) ? lists[key] : undefined;
}

export type FactorChoice = { kind: 'chosen'; factor: Factor } | { kind: 'refused'; accepted: Factor[] };

/**
 * The factor for one command: the user's preference when the policy accepts it, else the
 * policy's most preferred factor the user has; refused when the user has none it accepts.
 */
export function chooseFactor(accepted: Factor[], usable: Factor[], preferred: Factor | undefined): FactorChoice {
  // Stryker disable next-line ConditionalExpression: equivalent for `preferred !== undefined` → true — `accepted.includes(undefined)` is false, so no preference still falls through (the other conjuncts → true are killed in factor-policy.test.ts)
  if (preferred !== undefined && accepted.includes(preferred) && usable.includes(preferred)) return { kind: 'chosen', factor: preferred };
  const factor = accepted.find((candidate) => usable.includes(candidate));
  return factor ? { kind: 'chosen', factor } : { kind: 'refused', accepted };
}

/** Checks a policy read from configuration (JSON), naming the first thing wrong with it. */
export function parseFactorPolicy(value: unknown): FactorPolicy {
  const record = asRecord(value, 'the factor policy');
  const emailEnabled = record.emailEnabled ?? true;
  if (typeof emailEnabled !== 'boolean') throw new TypeError('emailEnabled must be true or false');
  return {
    default: factorList(record.default ?? DEFAULT_FACTOR_POLICY.default, 'default'),
    actions: factorLists(record.actions ?? {}, 'actions'),
    targets: factorLists(record.targets ?? {}, 'targets', (key) => key.toLowerCase()),
    emailEnabled,
  };
}

function factorLists(value: unknown, name: string, normalizeKey = (key: string) => key): Record<string, Factor[]> {
  const entries = Object.entries(asRecord(value, name));
  return Object.fromEntries(entries.map(([key, list]) => [normalizeKey(key), factorList(list, `${name}.${key}`)]));
}

function factorList(value: unknown, name: string): Factor[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isFactor) || new Set(value).size !== value.length) {
    throw new TypeError(`${name} must be a non-empty list of distinct factors from: ${FACTORS.join(', ')}`);
  }
  return value;
}

function asRecord(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TypeError(`${name} must be an object`);
  return value as Record<string, unknown>;
}
