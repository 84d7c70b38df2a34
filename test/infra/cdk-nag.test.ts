import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { synthesizeVoiceGate, type SynthesizedVoiceGate } from './voicegate-template';

let voiceGate: SynthesizedVoiceGate;
beforeAll(() => {
  voiceGate = synthesizeVoiceGate();
});

function findings(scope: IConstruct): string[] {
  const { violations } = new AwsSolutionsChecks().validateScope(scope);
  return violations.flatMap((violation) => violation.violatingResources.map((resource) => `${violation.ruleName} at ${resource.constructPath}`));
}

/** Every `Validations.of(...).acknowledge(...)` in the app, as construct path → rule id → reason. */
function acknowledgments(app: App): { path: string; id: string; reason: string }[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason })),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing that is not acknowledged', () => {
    expect(findings(voiceGate.app)).toEqual([]);
  });

  it('reports a finding in this setup when there is one (the check is live)', () => {
    const app = new App();
    new Secret(new Stack(app, 'Probe'), 'NeverRotated');

    expect(findings(app)).toEqual(['AwsSolutions-SMG4 at Probe/NeverRotated/Resource']);
  });

  it('acknowledges only these findings, each on the construct it explains', () => {
    expect(
      acknowledgments(voiceGate.app)
        .map(({ path, id }) => `${id} at ${path}`)
        .sort(),
    ).toEqual(
      [
        'AwsSolutions-SMG4 at VoiceGate/CodeHashKey/Secret',
        'AwsSolutions-IAM5[Resource::*] at VoiceGate/AccountLinking/Users/smsRole',
        'AwsSolutions-IAM5[Resource::*] at VoiceGate/Functions/Skill/Role/ListInstances',
        'AwsSolutions-IAM5[Resource::*] at VoiceGate/Functions/IssueChallenge/Role/ReadInstanceAliases',
        'AwsSolutions-IAM5[Resource::*] at VoiceGate/Functions/PerformAction/Role/ReadInstanceAliases',
        'AwsSolutions-IAM5[Resource::*] at VoiceGate/Functions/Skill/Role/SendCodes',
        'AwsSolutions-IAM5[Resource::*] at VoiceGate/Functions/IssueChallenge/Role/SendCodes',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*] at VoiceGate/Functions/PerformAction/Role/ControlTaggedInstances',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iot:<AWS::Region>:<AWS::AccountId>:thing/voicegate-*] at VoiceGate/Functions/PerformAction/Role/UpdateDeviceShadows',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iot:<AWS::Region>:<AWS::AccountId>:thing/voicegate-*] at VoiceGate/Functions/Skill/Role/ReadDeviceShadows',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:voicegate/mfa/*] at VoiceGate/Functions/Skill/Role/ReadMfaCredentials',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:VoiceGate-confirm-command:*] at VoiceGate/Functions/Skill/Role/ReadCommandExecutions',
        'AwsSolutions-IAM5[Resource::*] at VoiceGate/Workflow/StateMachine/Role/DefaultPolicy',
      ].sort(),
    );
  });

  it('gives every acknowledgment a reason that says why (a sentence, not a placeholder)', () => {
    for (const { id, reason } of acknowledgments(voiceGate.app)) {
      expect({ id, reason }).toEqual({ id, reason: expect.stringMatching(/^(?!.*\b(TODO|TBD|FIXME)\b).{60,}\.$/s) });
    }
  });
});

describe('CDK annotations', () => {
  it('has no errors or warnings', () => {
    const annotations = Annotations.fromStack(voiceGate.stack);

    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });
});
