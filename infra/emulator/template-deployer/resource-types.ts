/** Which creator makes each resource type, and why the emulator leaves the others out. */
import { named, type ResourceCreator } from './resource-type';
import { createAlarm, createDashboard } from './resources/cloudwatch';
import { createUserPool, createUserPoolClient, createUserPoolDomain } from './resources/cognito';
import { createTable } from './resources/dynamodb';
import { createArchive, createEventBus, createRule } from './resources/events';
import { createPolicy, createRole } from './resources/iam';
import { createIotPolicy, createThingType } from './resources/iot';
import { createKey, createKeyAlias } from './resources/kms';
import { createFunction, createPermission } from './resources/lambda';
import { createLogGroup, createLogResourcePolicy, createMetricFilter } from './resources/logs';
import { createSecret } from './resources/secrets-manager';
import { createSubscription, createTopic, createTopicPolicy } from './resources/sns';
import { createStateMachine } from './resources/step-functions';

/** Named types give their name property and CloudFormation's length limit for a generated name. */
export const RESOURCE_CREATORS: Record<string, ResourceCreator> = {
  'AWS::CloudWatch::Alarm': named('AlarmName', 255, createAlarm),
  'AWS::CloudWatch::Dashboard': named('DashboardName', 255, createDashboard),
  'AWS::Cognito::UserPool': named('UserPoolName', 128, createUserPool),
  'AWS::Cognito::UserPoolClient': createUserPoolClient,
  'AWS::Cognito::UserPoolDomain': createUserPoolDomain,
  'AWS::DynamoDB::Table': named('TableName', 255, createTable),
  'AWS::Events::Archive': named('ArchiveName', 48, createArchive),
  'AWS::Events::EventBus': createEventBus,
  'AWS::Events::Rule': named('Name', 64, createRule),
  'AWS::IAM::Policy': createPolicy,
  'AWS::IAM::Role': named('RoleName', 64, createRole),
  'AWS::IoT::Policy': named('PolicyName', 128, createIotPolicy),
  'AWS::IoT::ThingType': named('ThingTypeName', 128, createThingType),
  'AWS::KMS::Alias': createKeyAlias,
  'AWS::KMS::Key': createKey,
  'AWS::Lambda::Function': named('FunctionName', 64, createFunction),
  'AWS::Lambda::Permission': createPermission,
  'AWS::Logs::LogGroup': named('LogGroupName', 512, createLogGroup),
  'AWS::Logs::MetricFilter': named('FilterName', 512, createMetricFilter),
  'AWS::Logs::ResourcePolicy': createLogResourcePolicy,
  'AWS::SecretsManager::Secret': named('Name', 128, createSecret),
  'AWS::SNS::Subscription': createSubscription,
  'AWS::SNS::Topic': named('TopicName', 256, createTopic),
  'AWS::SNS::TopicPolicy': createTopicPolicy,
  'AWS::StepFunctions::StateMachine': named('StateMachineName', 80, createStateMachine),
};

/** Resource types the emulator cannot host, with the reason printed as "skipped: <type> <why>". */
export const SKIPPED_TYPES: Record<string, string> = {
  'AWS::CDK::Metadata': 'CDK usage analytics, not an AWS resource',
};
