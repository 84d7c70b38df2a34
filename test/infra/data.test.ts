import { Match } from 'aws-cdk-lib/assertions';
import { TABLES, type TableSpec } from '../../functions/adapters/aws/dynamodb/tables';
import { asText, onlyResource, synthesizeVoiceGate, type SynthesizedVoiceGate } from './voicegate-template';

let voiceGate: SynthesizedVoiceGate;
beforeAll(() => {
  voiceGate = synthesizeVoiceGate();
});

describe('data', () => {
  it('has exactly the tables the adapters use, named prefix + TABLES name', () => {
    const names = Object.values(voiceGate.template.findResources('AWS::DynamoDB::Table')).map((table) => table.Properties.TableName);

    expect(names.sort()).toEqual(
      Object.values(TABLES)
        .map((spec) => `VoiceGate-${spec.name}`)
        .sort(),
    );
  });

  it.each(Object.values(TABLES) as TableSpec[])('table $name: string key $partitionKey, on demand, point-in-time recovery, KMS encryption', (spec) => {
    const keys = [spec.partitionKey, ...(spec.sortKey ? [spec.sortKey] : [])];
    voiceGate.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: `VoiceGate-${spec.name}`,
      KeySchema: keys.map((AttributeName, i) => ({ AttributeName, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
      AttributeDefinitions: keys.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      // SSEEnabled without a key means KMS with the AWS managed key (aws/dynamodb), not the default AWS owned key.
      SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
      TimeToLiveSpecification: 'ttlAttribute' in spec ? { AttributeName: spec.ttlAttribute, Enabled: true } : Match.absent(),
    });
  });

  it('keeps the tables when the stack is deleted or a table is replaced', () => {
    const tables = Object.values(voiceGate.template.findResources('AWS::DynamoDB::Table'));

    expect(tables.map((table) => [table.DeletionPolicy, table.UpdateReplacePolicy])).toEqual(tables.map(() => ['RetainExceptOnCreate', 'Retain']));
  });

  it('lets a failed first deploy be retried: nothing it created is kept on rollback, except the user pool (deletion protection, no unique name)', () => {
    const resources = Object.values(voiceGate.template.toJSON().Resources) as { Type: string; DeletionPolicy?: string }[];
    const keptOnRollback = resources.filter((resource) => resource.DeletionPolicy === 'Retain').map((resource) => resource.Type);
    const retained = resources.filter((resource) => resource.DeletionPolicy === 'RetainExceptOnCreate').map((resource) => resource.Type);

    expect(keptOnRollback).toEqual(['AWS::Cognito::UserPool']);
    expect(new Set(retained)).toEqual(new Set(['AWS::DynamoDB::Table', 'AWS::Logs::LogGroup', 'AWS::KMS::Key']));
  });

  it('generates the code-hash key in Secrets Manager (64 characters), never in the template', () => {
    const secret = onlyResource(voiceGate.template, 'AWS::SecretsManager::Secret');

    expect(secret.Properties.GenerateSecretString).toEqual({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret.Properties.SecretString).toBeUndefined();
  });

  it('hands every function the secret ARN to read once per cold start, and the table prefix', () => {
    const functions = Object.values(voiceGate.template.findResources('AWS::Lambda::Function'));

    for (const fn of functions) {
      const variables = fn.Properties.Environment.Variables;
      expect(asText(variables.VOICEGATE_CODE_HASH_SECRET_ARN)).toMatch(/^<Ref:CodeHashKeySecret/);
      expect(variables.VOICEGATE_TABLE_PREFIX).toBe('VoiceGate-');
    }
  });
});
