import { parseFactorPolicy, type FactorPolicy } from '../domain/factor-policy';

export const FACTOR_POLICY_VARIABLE = 'VOICEGATE_FACTOR_POLICY';

/** The factor policy as JSON in VOICEGATE_FACTOR_POLICY (both hosts); undefined keeps the built-in default. */
export function factorPolicyFromEnv(env: NodeJS.ProcessEnv): FactorPolicy | undefined {
  const raw = env[FACTOR_POLICY_VARIABLE];
  if (raw === undefined || raw === '') return undefined;
  try {
    return parseFactorPolicy(JSON.parse(raw));
  } catch (error) {
    throw new Error(`${FACTOR_POLICY_VARIABLE} is not a valid factor policy: ${(error as Error).message}`);
  }
}
