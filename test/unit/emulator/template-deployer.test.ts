import { resolve, type Resolver } from '../../../infra/emulator/template-deployer/intrinsics';
import { named, type DeployContext } from '../../../infra/emulator/template-deployer/resource-type';
import { deploymentOrder, type Template } from '../../../infra/emulator/template-deployer/template';

const resolver: Resolver = {
  pseudo: { 'AWS::Region': 'us-east-1', 'AWS::AccountId': '123456789012', 'AWS::Partition': 'aws', 'AWS::URLSuffix': 'amazonaws.com' },
  ref: (id) => ({ Bus: 'VoiceGate-audit', Pool: 'us-east-1_abc' })[id] ?? `<no ${id}>`,
  getAtt: (id, attribute) => `${id}.${attribute}`,
};

describe('intrinsic functions as the emulator deployer resolves them', () => {
  it('joins, substitutes and selects with refs, attributes and pseudo parameters', () => {
    expect(
      resolve({ 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: 'Pool' }]] }, resolver),
    ).toBe('https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc');
    expect(resolve({ 'Fn::Sub': 'cdk-${AWS::AccountId}-${Bus}-${Fn.Arn}-${!Literal}' }, resolver)).toBe('cdk-123456789012-VoiceGate-audit-Fn.Arn-${Literal}');
    expect(resolve({ 'Fn::Sub': ['${Name}/x', { Name: { Ref: 'Bus' } }] }, resolver)).toBe('VoiceGate-audit/x');
    expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': ['|', 'a|b|c'] }] }, resolver)).toBe('b');
    expect(resolve({ Arn: { 'Fn::GetAtt': ['Fn', 'Arn'] }, Gone: { Ref: 'AWS::NoValue' } }, resolver)).toEqual({ Arn: 'Fn.Arn' });
  });

  it('refuses an intrinsic it does not know instead of deploying it unresolved', () => {
    expect(() => resolve({ 'Fn::ImportValue': 'x' }, resolver)).toThrow(/does not resolve Fn::ImportValue/);
  });
});

describe('the order resources are deployed in', () => {
  it('puts every resource after what it refers to (Ref, GetAtt, Sub) or depends on', () => {
    const template: Template = {
      Resources: {
        Machine: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: { 'Fn::GetAtt': ['Role', 'Arn'] }, Name: { 'Fn::Sub': '${Bus}-m' } } },
        Role: { Type: 'AWS::IAM::Role', DependsOn: 'Policy' },
        Policy: { Type: 'AWS::IAM::Policy', Properties: { Region: { Ref: 'AWS::Region' } } },
        Bus: { Type: 'AWS::Events::EventBus' },
      },
    };
    const order = deploymentOrder(template);
    expect(order.indexOf('Policy')).toBeLessThan(order.indexOf('Role'));
    expect(order.indexOf('Role')).toBeLessThan(order.indexOf('Machine'));
    expect(order.indexOf('Bus')).toBeLessThan(order.indexOf('Machine'));
  });

  it('names a cycle and a reference to an undeclared resource', () => {
    expect(() => deploymentOrder({ Resources: { A: { Type: 'T', Properties: { x: { Ref: 'B' } } }, B: { Type: 'T', DependsOn: 'A' } } })).toThrow(
      /cycle: A -> B -> A/,
    );
    expect(() => deploymentOrder({ Resources: { A: { Type: 'T', Properties: { x: { Ref: 'Missing' } } } } })).toThrow(/A refers to Missing/);
  });
});

describe('physical names as the emulator deployer gives them', () => {
  const nameOf = named('TableName', 20, async (name) => ({ ref: name }));
  const context = { generatedName: (max: number) => 'VoiceGate-Table-ABCDEF123456'.slice(0, max) } as DeployContext;

  it("keeps the template's name", async () => {
    expect(await nameOf({ TableName: 'VoiceGate-users' }, context)).toEqual({ ref: 'VoiceGate-users' });
  });

  it("generates one within the type's length limit where the template leaves it out", async () => {
    expect(await nameOf({}, context)).toEqual({ ref: 'VoiceGate-Table-ABCD' });
  });
});
