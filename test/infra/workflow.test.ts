import { readFileSync } from 'node:fs';
import aslValidator from 'asl-validator';
import { CONFIRM_COMMAND_ASL, loadDefinition } from '../../infra/local/workflow/asl-definition';
import { CONFIRM_COMMAND_DEFINITION } from '../../infra/aws/constructs/confirm-command-workflow';
import { asText, onlyResource, synthesizeVoiceGate, type Resource, type SynthesizedVoiceGate } from './voicegate-template';

let voiceGate: SynthesizedVoiceGate;
let stateMachine: Resource;
beforeAll(() => {
  voiceGate = synthesizeVoiceGate();
  stateMachine = onlyResource(voiceGate.template, 'AWS::StepFunctions::StateMachine');
});

const PLACEHOLDER = /\$\{(\w+)\}/g;

/** What CloudFormation does at deploy time: each ${Name} replaced by its substitution, as text. */
function substituted(definition: string, substitutions: Record<string, unknown>): string {
  return definition.replace(PLACEHOLDER, (_, name: string) => asText(substitutions[name]));
}

describe('confirm-command workflow', () => {
  it('is the Standard state machine with the fixed name the functions are given', () => {
    expect(stateMachine.Properties).toMatchObject({ StateMachineName: 'VoiceGate-confirm-command', StateMachineType: 'STANDARD' });
  });

  it('inlines statemachines/confirm-command.asl.json unchanged (no second copy, no S3 asset)', () => {
    expect(CONFIRM_COMMAND_DEFINITION).toBe(CONFIRM_COMMAND_ASL);
    expect(stateMachine.Properties.DefinitionString).toBe(readFileSync(CONFIRM_COMMAND_DEFINITION, 'utf8'));
    expect(stateMachine.Properties.DefinitionS3Location).toBeUndefined();
  });

  it('substitutes every ${...} placeholder the file has, and nothing else', () => {
    const { DefinitionString, DefinitionSubstitutions } = stateMachine.Properties;
    const placeholders = new Set([...(DefinitionString as string).matchAll(PLACEHOLDER)].map((match) => match[1]));

    expect(placeholders).toEqual(new Set(Object.keys(DefinitionSubstitutions)));
    expect(DefinitionSubstitutions).toEqual({
      AuditBusName: { Ref: expect.stringMatching(/^AuditBus/) },
      IssueChallengeFunctionArn: { 'Fn::GetAtt': [expect.stringMatching(/^FunctionsIssueChallengeFunction/), 'Arn'] },
      PerformActionFunctionArn: { 'Fn::GetAtt': [expect.stringMatching(/^FunctionsPerformActionFunction/), 'Arn'] },
      CodeTtlSeconds: '240',
    });
  });

  it('is a valid Amazon States Language definition once substituted', () => {
    const { DefinitionString, DefinitionSubstitutions } = stateMachine.Properties;
    const definition = JSON.parse(substituted(DefinitionString, DefinitionSubstitutions));

    const result = aslValidator(structuredClone(definition));

    expect(result.errorsText('\n')).toBe('');
    expect(result.isValid).toBe(true);
    expect(definition.States['Send Code And Wait'].TimeoutSeconds).toBe(240);
  });

  it('retries transient Lambda errors in both Lambda tasks, as deployed', () => {
    const { DefinitionString, DefinitionSubstitutions } = stateMachine.Properties;
    const { States } = JSON.parse(substituted(DefinitionString, DefinitionSubstitutions));
    const retried = (name: string) => (States[name].Retry as { ErrorEquals: string[] }[]).flatMap((retrier) => retrier.ErrorEquals);
    const transient = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'];

    expect(retried('Send Code And Wait')).toEqual(expect.arrayContaining(transient));
    expect(retried('Perform Action')).toEqual(expect.arrayContaining(transient));
  });

  it('is the definition the local runner loads, given the same values', () => {
    const { DefinitionString, DefinitionSubstitutions } = stateMachine.Properties;
    const values = Object.fromEntries(Object.entries(DefinitionSubstitutions).map(([name, value]) => [name, asText(value)]));

    expect(JSON.parse(substituted(DefinitionString, DefinitionSubstitutions))).toEqual(loadDefinition(CONFIRM_COMMAND_ASL, values));
  });

  it('logs every event to CloudWatch Logs but never execution data, so codes and task tokens stay out of logs (S12)', () => {
    expect(stateMachine.Properties.LoggingConfiguration).toEqual({
      Level: 'ALL',
      IncludeExecutionData: false,
      Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [expect.stringMatching(/^WorkflowLog/), 'Arn'] } } }],
    });
    voiceGate.template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/vendedlogs/states/VoiceGate-confirm-command' });
  });

  it('traces executions with X-Ray', () => {
    expect(stateMachine.Properties.TracingConfiguration).toEqual({ Enabled: true });
  });

  it('encrypts definition and history (which holds the task token) with a rotating customer managed key', () => {
    const keyId = stateMachine.Properties.EncryptionConfiguration.KmsKeyId['Fn::GetAtt'][0];

    expect(stateMachine.Properties.EncryptionConfiguration).toMatchObject({ Type: 'CUSTOMER_MANAGED_KMS_KEY' });
    expect(voiceGate.template.toJSON().Resources[keyId]).toMatchObject({ Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } });
  });
});
