import { CreateLogGroupCommand, PutMetricFilterCommand, PutResourcePolicyCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { arn, type NamedResourceCreator, type ResourceCreator } from '../resource-type';

export const createLogGroup: NamedResourceCreator = async (logGroupName, p, { aws, account }) => {
  await aws.logs.send(new CreateLogGroupCommand({ logGroupName, kmsKeyId: p.KmsKeyId }));
  if (p.RetentionInDays) await aws.logs.send(new PutRetentionPolicyCommand({ logGroupName, retentionInDays: p.RetentionInDays }));
  return { ref: logGroupName, attributes: { Arn: arn(account, 'logs', `log-group:${logGroupName}:*`) } };
};

export const createLogResourcePolicy: ResourceCreator = async (p, { aws }) => {
  await aws.logs.send(new PutResourcePolicyCommand({ policyName: p.PolicyName, policyDocument: p.PolicyDocument }));
  return { ref: p.PolicyName };
};

export const createMetricFilter: NamedResourceCreator = async (filterName, p, { aws }) => {
  await aws.logs.send(
    new PutMetricFilterCommand({
      logGroupName: p.LogGroupName,
      filterName,
      filterPattern: p.FilterPattern,
      metricTransformations: p.MetricTransformations.map((t: Record<string, unknown>) => ({
        metricName: t.MetricName,
        metricNamespace: t.MetricNamespace,
        metricValue: t.MetricValue,
        defaultValue: t.DefaultValue,
      })),
    }),
  );
  return { ref: filterName };
};
