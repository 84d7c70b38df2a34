import { MAX_CODE_DIGITS, MIN_CODE_DIGITS } from '../domain/one-time-code';
import { DEFAULT_SETTINGS, type Settings } from '../use-cases/settings';
import { LAMBDA_POLL_PACE, LOCAL_POLL_PACE, type PollPace } from '../use-cases/wait-until';
import { factorPolicyFromEnv } from './factor-policy-config';
import { type WholeRange, wholeNumberSetting } from './whole-number-setting';

/** Where VoiceGate runs: on AWS Lambda, or as the local stack on one machine. */
export type Host = 'lambda' | 'local';

/**
 * S4: a code lives at least a minute (time to read it and say it) and at most an hour. Every
 * host reads VOICEGATE_CODE_TTL_SECONDS within this range, and synth checks the CDK context
 * against it, so a deployment cannot be given a lifetime its functions would refuse.
 */
export const CODE_TTL_SECONDS: WholeRange = { min: 60, max: 3600 };

export const CODE_DIGITS: WholeRange = { min: MIN_CODE_DIGITS, max: MAX_CODE_DIGITS };

/** How often a waiting request reads again depends on what a read costs on the host. */
export const HOST_POLL_PACES: Record<Host, PollPace> = { lambda: LAMBDA_POLL_PACE, local: LOCAL_POLL_PACE };

/**
 * The settings a host runs with, built once when it starts: the product's defaults, what the
 * environment sets (docs: README "Settings") and the host's polling pace. The Lambda
 * functions, the local stack and the test fakes all build theirs here.
 */
export function hostSettings(host: Host, env: NodeJS.ProcessEnv = {}): Settings {
  return {
    ...DEFAULT_SETTINGS,
    codeTtlSeconds: wholeNumberSetting('VOICEGATE_CODE_TTL_SECONDS', env.VOICEGATE_CODE_TTL_SECONDS, CODE_TTL_SECONDS) ?? DEFAULT_SETTINGS.codeTtlSeconds,
    codeDigits: wholeNumberSetting('VOICEGATE_CODE_DIGITS', env.VOICEGATE_CODE_DIGITS, CODE_DIGITS) ?? DEFAULT_SETTINGS.codeDigits,
    factorPolicy: factorPolicyFromEnv(env) ?? DEFAULT_SETTINGS.factorPolicy,
    pollPace: HOST_POLL_PACES[host],
  };
}
