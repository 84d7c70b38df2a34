/** Which creator makes each resource type, and why the emulator leaves the others out. */
import type { ResourceCreator } from './resource-type';
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

export const RESOURCE_CREATORS: Record<string, ResourceCreator> = {
  'AWS::CloudWatch::Alarm': createAlarm,
  'AWS::CloudWatch::Dashboard': createDashboard,
  'AWS::Cognito::UserPool': createUserPool,
  'AWS::Cognito::UserPoolClient': createUserPoolClient,
  'AWS::Cognito::UserPoolDomain': createUserPoolDomain,
  'AWS::DynamoDB::Table': createTable,
  'AWS::Events::Archive': createArchive,
  'AWS::Events::EventBus': createEventBus,
  'AWS::Events::Rule': createRule,
  'AWS::IAM::Policy': createPolicy,
  'AWS::IAM::Role': createRole,
  'AWS::IoT::Policy': createIotPolicy,
  'AWS::IoT::ThingType': createThingType,
  'AWS::KMS::Alias': createKeyAlias,
  'AWS::KMS::Key': createKey,
  'AWS::Lambda::Function': createFunction,
  'AWS::Lambda::Permission': createPermission,
  'AWS::Logs::LogGroup': createLogGroup,
  'AWS::Logs::MetricFilter': createMetricFilter,
  'AWS::Logs::ResourcePolicy': createLogResourcePolicy,
  'AWS::SecretsManager::Secret': createSecret,
  'AWS::SNS::Subscription': createSubscription,
  'AWS::SNS::Topic': createTopic,
  'AWS::SNS::TopicPolicy': createTopicPolicy,
  'AWS::StepFunctions::StateMachine': createStateMachine,
};

/** Resource types the emulator cannot host, with the reason printed as "skipped: <type> <why>". */
export const SKIPPED_TYPES: Record<string, string> = {
  'AWS::CDK::Metadata': 'CDK usage analytics, not an AWS resource',
};
