/**
 * The real skill (buildSkill and every handler) on the in-memory world, for unit tests that
 * speak to it with real Alexa envelopes and assert what the user hears and what changed.
 * The workflow runs its first state as each execution starts, as the engines do: the real
 * issue-challenge step sends the code, or ends the execution when it cannot.
 */
import type { Skill } from 'ask-sdk-core';
import type { ResponseEnvelope } from 'ask-sdk-model';
import { WorkflowError } from '../../../functions/domain/errors';
import type { Deps } from '../../../functions/use-cases/deps';
import type { Settings } from '../../../functions/use-cases/settings';
import type { WorkflowGateway } from '../../../functions/ports/workflow-gateway';
import { issueChallenge } from '../../../functions/use-cases/issue-challenge';
import { buildSkill } from '../../../skill/build-skill';
import { DEFAULT_SKILL_ID, intentRequest, type AlexaRequestEnvelope, type SlotValues } from '../../fixtures/alexa/envelopes';
import { CapturedLog } from '../captured-log';
import { fakeWorld, type FakeWorld } from './fake-deps';
import type { InMemoryWorkflow } from './in-memory-world';

/** What Alexa would say and do with the skill's response. */
export interface Reply {
  speech: string | undefined;
  reprompt: string | undefined;
  endsSession: boolean | undefined;
  /** The card type shown in the Alexa app, e.g. LinkAccount. */
  card: string | undefined;
}

export interface SkillWorld extends FakeWorld {
  skill: Skill;
  log: CapturedLog;
  /** Sends an envelope as Alexa would. */
  send(envelope: AlexaRequestEnvelope): Promise<Reply>;
  /** `userId` says the intent from a linked account (undefined: from an unlinked one). */
  say(userId: string | undefined, intent: string, slots?: SlotValues): Promise<Reply>;
  /** The account-linking access token the verifier maps to `userId`. */
  tokenFor(userId: string): string;
  /** From now on executions start but their code is not out yet (a slow provider). */
  holdCodes(): void;
}

const TOKEN_PREFIX = 'linked-token-for-';

export function skillWorld(settings: Partial<Settings> = {}): SkillWorld {
  const world = fakeWorld(settings);
  const log = new CapturedLog();
  const deps: Deps = {
    ...world.deps,
    tokens: { verify: async (token) => (token?.startsWith(TOKEN_PREFIX) ? token.slice(TOKEN_PREFIX.length) : undefined) },
  };
  deps.workflow = sendingCodeOnStart(world.workflow, deps);
  const skill = buildSkill(deps, { skillId: DEFAULT_SKILL_ID, logger: log });
  const tokenFor = (userId: string) => `${TOKEN_PREFIX}${userId}`;
  const send = async (envelope: AlexaRequestEnvelope) => replyOf(await skill.invoke(envelope as never));
  return {
    ...world,
    deps,
    skill,
    log,
    send,
    tokenFor,
    holdCodes: () => {
      deps.workflow = world.workflow;
    },
    say: (userId, intent, slots = {}) => send(intentRequest(intent, slots, userId === undefined ? {} : { accessToken: tokenFor(userId) })),
  };
}

/** The Send Code And Wait state as each execution enters it; a WorkflowError there fails the execution. */
function sendingCodeOnStart(workflow: InMemoryWorkflow, deps: Deps): WorkflowGateway {
  return {
    start: async (input) => {
      const { executionId } = await workflow.start(input);
      const taskToken = workflow.tokenOf(executionId);
      await issueChallenge(deps, { command: input.command, executionId, taskToken }).catch(async (error: unknown) => {
        if (!(error instanceof WorkflowError)) throw error;
        await workflow.sendTaskFailure(taskToken, error.name);
      });
      return { executionId };
    },
    sendTaskSuccess: (token, output) => workflow.sendTaskSuccess(token, output),
    sendTaskFailure: (token, error) => workflow.sendTaskFailure(token, error),
    describe: (executionId) => workflow.describe(executionId),
  };
}

function replyOf({ response }: ResponseEnvelope): Reply {
  return {
    speech: plainText(response.outputSpeech),
    reprompt: plainText(response.reprompt?.outputSpeech),
    endsSession: response.shouldEndSession,
    card: response.card?.type,
  };
}

function plainText(speech: { type: string; ssml?: string; text?: string } | undefined): string | undefined {
  if (speech === undefined) return undefined;
  return speech.type === 'SSML' ? speech.ssml?.replace(/^<speak>|<\/speak>$/g, '') : speech.text;
}
