import { DEFAULT_FACTOR_POLICY, type FactorPolicy } from '../domain/factor-policy';
import type { SendLimit } from '../domain/send-limits';
import { DEFAULT_SEND_LIMITS } from '../domain/send-limits';
import type { PollPace } from './wait-until';

/** Tunables shared by both hosts; built once per host by functions/config/host-settings.ts. */
export interface Settings {
  codeDigits: number;
  codeTtlSeconds: number;
  maxAttempts: number;
  sendLimits: SendLimit[];
  /** Which factors may confirm which action (README "Factors and policy"). */
  factorPolicy: FactorPolicy;
  /** How long "authorize" waits for the action before answering "under way". */
  authorizeWaitMs: number;
  /** How long a command waits for its code to be delivered before answering. */
  deliveryWaitMs: number;
  /** S14: an action is never performed on a confirmation older than this. */
  maxConfirmationAgeMs: number;
  /** How long "perform action" waits for a device to report the desired state (below the task's 30 s timeout). */
  deviceResponseWaitMs: number;
  /** How often those waits read again: a host setting (fast on one machine, gentle on Lambda). */
  pollPace: PollPace;
}

/** The product's defaults; the polling pace is the host's (HOST_POLL_PACES). */
export const DEFAULT_SETTINGS: Omit<Settings, 'pollPace'> = {
  codeDigits: 6,
  codeTtlSeconds: 300,
  maxAttempts: 3,
  sendLimits: DEFAULT_SEND_LIMITS,
  factorPolicy: DEFAULT_FACTOR_POLICY,
  authorizeWaitMs: 2000,
  deliveryWaitMs: 3000,
  maxConfirmationAgeMs: 10 * 60 * 1000,
  deviceResponseWaitMs: 10_000,
};
