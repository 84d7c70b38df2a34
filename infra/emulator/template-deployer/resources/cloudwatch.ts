import { PutDashboardCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { arn, type NamedResourceCreator } from '../resource-type';

/** Stored, never rendered: the emulator has no console. */
export const createDashboard: NamedResourceCreator = async (DashboardName, p, { aws }) => {
  await aws.cloudWatch.send(new PutDashboardCommand({ DashboardName, DashboardBody: p.DashboardBody }));
  return { ref: DashboardName };
};

/** CloudFormation's alarm properties are the API's, by the same names. */
export const createAlarm: NamedResourceCreator = async (name, p, { aws, account }) => {
  await aws.cloudWatch.send(new PutMetricAlarmCommand({ ...p, AlarmName: name } as never));
  return { ref: name, attributes: { Arn: arn(account, 'cloudwatch', `alarm:${name}`) } };
};
