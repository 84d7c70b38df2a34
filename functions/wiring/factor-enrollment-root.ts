import { LambdaClient, paginateListFunctions } from '@aws-sdk/client-lambda';
import { readAwsConfig, type AwsConfig } from '../config/aws-config';
import type { ActivateDeps } from '../use-cases/enroll-totp';
import type { StepUpDeps } from '../use-cases/step-up';
import type { Deps } from '../use-cases/deps';
import { awsHost, commonPorts, rateLimiters } from './aws-ports';
import { confirmationPorts } from './confirmation-ports';
import { factorPorts } from './factor-ports';

/** What an operator's factor change needs: step-up codes (sent and checked), enrollment, activation and the audit bus. */
export type FactorChangeDeps = ActivateDeps & StepUpDeps & Pick<Deps, 'sendLimiter' | 'codes' | 'messages' | 'audit'>;

/**
 * An operator's factor change against a deployed stack, found by its name: the stack's own
 * settings are read from its skill function's environment (tables, code-hash secret, audit bus,
 * sender, factor key), so a step-up code is hashed, sent, limited and audited exactly as the
 * skill does. The operator's own credentials do the work: only they may kms:Encrypt. Region,
 * credentials and any AWS_ENDPOINT_URL come from the environment.
 */
export async function factorChangeDeps(stackName: string): Promise<FactorChangeDeps> {
  const host = awsHost(await deployedSkillConfig(stackName));
  if (!host.config.factorKeyArn) throw new Error(`stack ${stackName} has authenticator apps switched off (no factor key)`);
  return { ...commonPorts(host), ...rateLimiters(host), ...factorPorts(host), ...confirmationPorts(host) };
}

/** The skill function is the one whose tables are the stack's and that answers a skill id. */
async function deployedSkillConfig(stackName: string): Promise<AwsConfig> {
  for await (const page of paginateListFunctions({ client: new LambdaClient({}) }, {})) {
    for (const fn of page.Functions ?? []) {
      const env = fn.Environment?.Variables ?? {};
      if (env.VOICEGATE_TABLE_PREFIX === `${stackName}-` && env.VOICEGATE_SKILL_ID) return readAwsConfig(env);
    }
  }
  throw new Error(`no VoiceGate skill function of stack ${stackName} was found`);
}
