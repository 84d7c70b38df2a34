import type { Template } from 'aws-cdk-lib/assertions';
import { ALIAS_TAG } from '../../functions/domain/instance';
import { actionsOf, asText, roleStatements, synthesizeVoiceGate, type Statement } from './voicegate-template';

let template: Template;
beforeAll(() => {
  ({ template } = synthesizeVoiceGate());
});

/** Logical ids without CDK's hash suffix, so expectations read like the construct tree. */
const readable = (text: string) => text.replace(/([A-Za-z]+)[0-9A-F]{8}\b/g, '$1');

/** One line per action and resource: "dynamodb:GetItem <GetAtt:Datausers.Arn>", plus any condition. */
function grants(statements: Statement[]): string[] {
  return statements
    .flatMap((statement) => {
      const resources = [statement.Resource].flat().map((resource) => readable(asText(resource)));
      const condition = statement.Condition ? ` if ${readable(conditionText(statement.Condition))}` : '';
      return actionsOf(statement).flatMap((action) => resources.map((resource) => `${action} ${resource}${condition}`));
    })
    .sort();
}

/** {"StringEquals":{"key":"value"}} with intrinsic values read as text. */
function conditionText(condition: NonNullable<Statement['Condition']>): string {
  const operators = Object.entries(condition).map(([operator, keys]) => [
    operator,
    Object.fromEntries(Object.entries(keys).map(([key, value]) => [key, asText(value)])),
  ]);
  return JSON.stringify(Object.fromEntries(operators));
}

const roleId = (prefix: string) => {
  const id = Object.keys(template.findResources('AWS::IAM::Role')).find((logicalId) => logicalId.startsWith(prefix));
  if (!id) throw new Error(`no role ${prefix}`);
  return id;
};
const grantsOf = (rolePrefix: string) => grants(roleStatements(template, roleId(rolePrefix)));
const allGrants = () => Object.keys(template.findResources('AWS::IAM::Role')).flatMap((id) => grants(roleStatements(template, id)));

const stateMachine = 'arn:<Ref:AWS::Partition>:states:<Ref:AWS::Region>:<Ref:AWS::AccountId>:stateMachine:VoiceGate-confirm-command';
const historyKey = `<GetAtt:WorkflowHistoryKey.Arn> if {"StringEquals":{"kms:EncryptionContext:aws:states:stateMachineArn":"${stateMachine}"}}`;
const secret = ['secretsmanager:DescribeSecret <Ref:CodeHashKeySecret>', 'secretsmanager:GetSecretValue <Ref:CodeHashKeySecret>'];
const sendCodes = [
  'sns:Publish *',
  ...['codes@mail.example.org', 'mail.example.org'].map(
    (identity) =>
      `ses:SendEmail arn:<Ref:AWS::Partition>:ses:<Ref:AWS::Region>:<Ref:AWS::AccountId>:identity/${identity} if {"StringEquals":{"ses:FromAddress":"codes@mail.example.org"}}`,
  ),
];
const factorKey = '<GetAtt:FactorSecretsKey.Arn> if {"StringEquals":{"kms:EncryptionContext:purpose":"voicegate-factor-secret"}}';
const mfaCredentials = 'arn:<Ref:AWS::Partition>:secretsmanager:<Ref:AWS::Region>:<Ref:AWS::AccountId>:secret:voicegate/mfa/*';
const voiceGateThings = 'arn:<Ref:AWS::Partition>:iot:<Ref:AWS::Region>:<Ref:AWS::AccountId>:thing/voicegate-*';
const logsTo = (logGroup: string) => [`logs:CreateLogStream <GetAtt:${logGroup}.Arn>`, `logs:PutLogEvents <GetAtt:${logGroup}.Arn>`];

describe('least privilege: each function gets what its use cases call', () => {
  it('skill: linked user, challenge, send limits, factors, listing instances and own devices, driving the workflow, resending codes, audit', () => {
    expect(grantsOf('FunctionsSkillRole')).toEqual(
      [
        ...logsTo('FunctionsSkillLog'),
        ...secret,
        'dynamodb:GetItem <GetAtt:Datausers.Arn>',
        'dynamodb:GetItem <GetAtt:Datachallenges.Arn>',
        'dynamodb:PutItem <GetAtt:Datachallenges.Arn>',
        'dynamodb:DeleteItem <GetAtt:Datachallenges.Arn>',
        'dynamodb:GetItem <GetAtt:DatasendCounters.Arn>',
        'dynamodb:PutItem <GetAtt:DatasendCounters.Arn>',
        'dynamodb:Query <GetAtt:Datadevices.Arn>',
        'dynamodb:GetItem <GetAtt:DataactionLedger.Arn>',
        'dynamodb:GetItem <GetAtt:Datafactors.Arn>',
        'dynamodb:UpdateItem <GetAtt:Datafactors.Arn>',
        `kms:Decrypt ${factorKey}`,
        `secretsmanager:GetSecretValue ${mfaCredentials}`,
        `iot:GetThingShadow ${voiceGateThings}`,
        'ec2:DescribeInstances *',
        `states:StartExecution ${stateMachine}`,
        `states:SendTaskSuccess ${stateMachine}`,
        `states:SendTaskFailure ${stateMachine}`,
        'states:DescribeExecution arn:<Ref:AWS::Partition>:states:<Ref:AWS::Region>:<Ref:AWS::AccountId>:execution:VoiceGate-confirm-command:*',
        `kms:Decrypt ${historyKey}`,
        `kms:GenerateDataKey ${historyKey}`,
        ...sendCodes,
        'events:PutEvents <GetAtt:AuditBus.Arn>',
      ].sort(),
    );
  });

  it("issue-challenge: user, the user's factors (never their secrets), challenge, send limits, checking the command against instances' alias tags and devices, delivering codes, failing a superseded task, audit", () => {
    expect(grantsOf('FunctionsIssueChallengeRole')).toEqual(
      [
        ...logsTo('FunctionsIssueChallengeLog'),
        ...secret,
        'dynamodb:Query <GetAtt:Datadevices.Arn>',
        'ec2:DescribeTags *',
        'dynamodb:GetItem <GetAtt:Datausers.Arn>',
        'dynamodb:GetItem <GetAtt:Datachallenges.Arn>',
        'dynamodb:PutItem <GetAtt:Datachallenges.Arn>',
        'dynamodb:DeleteItem <GetAtt:Datachallenges.Arn>',
        'dynamodb:GetItem <GetAtt:DatasendCounters.Arn>',
        'dynamodb:PutItem <GetAtt:DatasendCounters.Arn>',
        'dynamodb:GetItem <GetAtt:Datafactors.Arn>',
        `states:SendTaskFailure ${stateMachine}`,
        `kms:Decrypt ${historyKey}`,
        `kms:GenerateDataKey ${historyKey}`,
        ...sendCodes,
        'events:PutEvents <GetAtt:AuditBus.Arn>',
      ].sort(),
    );
  });

  it(`perform-action: reads (never writes) users, challenges, devices and instances' alias tags to verify; the action ledger; start/stop/reboot only on instances tagged ${ALIAS_TAG}; shadows only of VoiceGate things`, () => {
    const tagged = `{"StringLike":{"aws:ResourceTag/${ALIAS_TAG}":"*"},"Null":{"aws:ResourceTag/${ALIAS_TAG}":"false"}}`;
    const instances = 'arn:<Ref:AWS::Partition>:ec2:<Ref:AWS::Region>:<Ref:AWS::AccountId>:instance/*';

    expect(grantsOf('FunctionsPerformActionRole')).toEqual(
      [
        ...logsTo('FunctionsPerformActionLog'),
        'dynamodb:GetItem <GetAtt:Datausers.Arn>',
        'dynamodb:GetItem <GetAtt:Datachallenges.Arn>',
        'dynamodb:Query <GetAtt:Datadevices.Arn>',
        'ec2:DescribeTags *',
        ...['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'].map((action) => `dynamodb:${action} <GetAtt:DataactionLedger.Arn>`),
        ...['StartInstances', 'StopInstances', 'RebootInstances'].map((action) => `ec2:${action} ${instances} if ${tagged}`),
        `iot:UpdateThingShadow ${voiceGateThings}`,
        `iot:GetThingShadow ${voiceGateThings}`,
      ].sort(),
    );
  });

  it('state machine: invokes exactly the two task functions (unqualified ARNs) and publishes only to the audit bus', () => {
    const workflowGrants = grantsOf('WorkflowStateMachineRole');

    expect(workflowGrants.filter((grant) => grant.startsWith('lambda:'))).toEqual([
      'lambda:InvokeFunction <GetAtt:FunctionsIssueChallengeFunction.Arn>',
      'lambda:InvokeFunction <GetAtt:FunctionsPerformActionFunction.Arn>',
    ]);
    expect(workflowGrants.filter((grant) => grant.startsWith('events:'))).toEqual(['events:PutEvents <GetAtt:AuditBus.Arn>']);
  });
});

describe('least privilege across the stack', () => {
  it('grants states:SendTask* only on this state machine', () => {
    const sendTask = allGrants().filter((grant) => grant.startsWith('states:SendTask'));

    expect(sendTask.length).toBeGreaterThan(0);
    for (const grant of sendTask) expect(grant).toMatch(new RegExp(`^states:SendTask\\w+ ${escapeRegExp(stateMachine)}$`));
  });

  it('lets no function seal a factor secret (no enrollment on AWS) and only the skill open one', () => {
    const factorKeyGrants = allGrants().filter((grant) => grant.includes('FactorSecretsKey'));

    expect(factorKeyGrants).toEqual([`kms:Decrypt ${factorKey}`]);
    expect(grantsOf('FunctionsSkillRole')).toContain(factorKeyGrants[0]);
  });

  it('lets only the skill and issue-challenge read the code-hash key; perform-action never can', () => {
    const readers = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) =>
      grants(roleStatements(template, id)).some((grant) => grant.startsWith('secretsmanager:GetSecretValue <Ref:CodeHashKeySecret')),
    );

    expect(readers.map((id) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual(['FunctionsIssueChallengeRole', 'FunctionsSkillRole']);
  });

  it('grants events:PutEvents only on the audit bus', () => {
    const putEvents = allGrants().filter((grant) => grant.startsWith('events:PutEvents'));

    expect(new Set(putEvents)).toEqual(new Set(['events:PutEvents <GetAtt:AuditBus.Arn>']));
  });

  it('never grants a wildcard action, and "*" resources only where the service has no resource to name', () => {
    const grantsOnAnyResource = new Set(
      allGrants()
        .filter((grant) => / \*$/.test(grant))
        .map((grant) => grant.split(' ')[0]),
    );

    expect(allGrants().filter((grant) => /^\S*\*/.test(grant))).toEqual([]);
    expect([...grantsOnAnyResource].sort()).toEqual(
      [
        'ec2:DescribeInstances',
        'ec2:DescribeTags',
        'sns:Publish',
        // Added by CDK for the state machine's X-Ray tracing and log delivery, and for Cognito's own SMS.
        'logs:CreateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:DescribeLogGroups',
        'logs:DescribeResourcePolicies',
        'logs:GetLogDelivery',
        'logs:ListLogDeliveries',
        'logs:PutResourcePolicy',
        'logs:UpdateLogDelivery',
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
