import { PutDashboardCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { arn, type ResourceCreator } from '../resource-type';

/** Stored, never rendered: the emulator has no console. */
export const createDashboard: ResourceCreator = async (p, { aws, generatedName }) => {
  const DashboardName = p.DashboardName ?? generatedName(255);
  await aws.cloudWatch.send(new PutDashboardCommand({ DashboardName, DashboardBody: p.DashboardBody }));
  return { ref: DashboardName };
};

/** CloudFormation's alarm properties are the API's, by the same names. */
export const createAlarm: ResourceCreator = async ({ AlarmName, ...p }, { aws, account, generatedName }) => {
  const name = AlarmName ?? generatedName(255);
  await aws.cloudWatch.send(new PutMetricAlarmCommand({ ...p, AlarmName: name } as never));
  return { ref: name, attributes: { Arn: arn(account, 'cloudwatch', `alarm:${name}`) } };
};
