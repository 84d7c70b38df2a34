import { CreateTableCommand, UpdateContinuousBackupsCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { answered, type NamedResourceCreator } from '../resource-type';

export const createTable: NamedResourceCreator = async (TableName, p, { aws }) => {
  const { TableDescription } = await aws.dynamodb.send(
    new CreateTableCommand({
      TableName,
      AttributeDefinitions: p.AttributeDefinitions,
      KeySchema: p.KeySchema,
      BillingMode: p.BillingMode,
      GlobalSecondaryIndexes: p.GlobalSecondaryIndexes,
      // CloudFormation says SSEEnabled where the API says Enabled.
      ...(p.SSESpecification && {
        SSESpecification: { Enabled: p.SSESpecification.SSEEnabled, KMSMasterKeyId: p.SSESpecification.KMSMasterKeyId, SSEType: p.SSESpecification.SSEType },
      }),
    }),
  );
  if (p.TimeToLiveSpecification) {
    await aws.dynamodb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: p.TimeToLiveSpecification }));
  }
  if (p.PointInTimeRecoverySpecification) {
    await aws.dynamodb.send(new UpdateContinuousBackupsCommand({ TableName, PointInTimeRecoverySpecification: p.PointInTimeRecoverySpecification }));
  }
  return {
    ref: TableName,
    attributes: { Arn: answered(TableDescription?.TableArn, 'TableDescription.TableArn'), StreamArn: TableDescription?.LatestStreamArn ?? '' },
  };
};
