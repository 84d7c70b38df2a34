import { Duration } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { VoiceGateFunction } from './voicegate-function';

export interface VoiceGateFunctionsProps {
  /** What readAwsConfig reads; every entry point builds the same dependencies. */
  environment: Record<string, string>;
  /** Only this skill may invoke the skill function (S10). */
  skillId: string;
}

/** The three Lambda entry points under functions/handlers/. */
export class VoiceGateFunctions extends Construct {
  readonly skill: VoiceGateFunction;
  readonly issueChallenge: VoiceGateFunction;
  readonly performAction: VoiceGateFunction;

  constructor(scope: Construct, id: string, { environment, skillId }: VoiceGateFunctionsProps) {
    super(scope, id);
    this.skill = new VoiceGateFunction(this, 'Skill', {
      handlerFile: 'skill',
      description: 'VoiceGate: Alexa requests',
      // Alexa gives a skill 8 seconds to answer.
      timeout: Duration.seconds(8),
      environment,
    });
    this.issueChallenge = new VoiceGateFunction(this, 'IssueChallenge', {
      handlerFile: 'issue-challenge',
      description: 'VoiceGate: the workflow task that sends a code and stores its hash',
      timeout: Duration.seconds(15),
      environment,
    });
    this.performAction = new VoiceGateFunction(this, 'PerformAction', {
      handlerFile: 'perform-action',
      description: 'VoiceGate: the workflow task that changes an instance or a device',
      // Below the workflow task's 30-second timeout, so the function ends first.
      timeout: Duration.seconds(25),
      environment,
    });

    // The event source token makes Lambda refuse Alexa requests that carry another skill id.
    this.skill.function.addPermission('AlexaSkillsKit', {
      principal: new ServicePrincipal('alexa-appkit.amazon.com'),
      action: 'lambda:InvokeFunction',
      eventSourceToken: skillId,
    });
  }

  get all(): VoiceGateFunction[] {
    return [this.skill, this.issueChallenge, this.performAction];
  }
}
