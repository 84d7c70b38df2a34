import { AspectPriority, Aspects, CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { FACTOR_POLICY_VARIABLE } from '../../functions/config/factor-policy-config';
import { AccountLinking } from './constructs/account-linking';
import { AuditDashboard } from './constructs/audit-dashboard';
import { AuditMetrics } from './constructs/audit-metrics';
import { AuditTrail } from './constructs/audit-trail';
import { CodeHashSecret } from './constructs/code-hash-secret';
import { ConfirmCommandWorkflow, stateMachineArn } from './constructs/confirm-command-workflow';
import { DataTables } from './constructs/data-tables';
import { DeviceDashboard } from './constructs/device-dashboard';
import { DeviceFleet } from './constructs/device-fleet';
import { FactorSecrets } from './constructs/factor-secrets';
import { grantFunctionPermissions } from './constructs/function-permissions';
import { Messaging } from './constructs/messaging';
import { VoiceGateAlarms } from './constructs/voicegate-alarms';
import { VoiceGateFunctions } from './constructs/voicegate-functions';
import type { DeploymentSettings } from './deployment-settings';
import { RetainExceptOnCreate } from './retain-except-on-create';

export interface VoiceGateStackProps extends StackProps {
  settings: DeploymentSettings;
}

/** VoiceGate on AWS: Alexa → skill Lambda → Step Functions → SNS/SES → EC2, audited on EventBridge. */
export class VoiceGateStack extends Stack {
  constructor(scope: Construct, id: string, { settings, ...props }: VoiceGateStackProps) {
    super(scope, id, props);
    Aspects.of(this).add(new RetainExceptOnCreate(), { priority: AspectPriority.MUTATING });
    const stateMachineName = `${this.stackName}-confirm-command`;

    const tables = new DataTables(this, 'Data', { prefix: `${this.stackName}-` });
    const secret = new CodeHashSecret(this, 'CodeHashKey');
    const messaging = new Messaging(this, 'Messaging', settings);
    const audit = new AuditTrail(this, 'Audit');
    const devices = new DeviceFleet(this, 'Devices');
    const factorSecrets = new FactorSecrets(this, 'FactorSecrets');
    const linking = new AccountLinking(this, 'AccountLinking', {
      callbackUrls: settings.alexaRedirectUrls,
      domainPrefix: settings.authDomainPrefix,
    });

    const functions = new VoiceGateFunctions(this, 'Functions', {
      skillId: settings.skillId,
      // The variables functions/config/aws-config.ts reads.
      environment: {
        VOICEGATE_TABLE_PREFIX: tables.prefix,
        VOICEGATE_STATE_MACHINE_ARN: stateMachineArn(this, stateMachineName),
        VOICEGATE_AUDIT_BUS_NAME: audit.bus.eventBusName,
        VOICEGATE_SKILL_ID: settings.skillId,
        VOICEGATE_TOKEN_ISSUER: linking.tokenIssuer,
        VOICEGATE_TOKEN_AUDIENCE: linking.client.userPoolClientId,
        VOICEGATE_TOKEN_JWKS_URI: linking.jwksUri,
        VOICEGATE_CODE_HASH_SECRET_ARN: secret.secret.secretArn,
        VOICEGATE_SES_FROM_ADDRESS: messaging.sesFromAddress,
        ...(messaging.smsSenderId && { VOICEGATE_SMS_SENDER_ID: messaging.smsSenderId }),
        VOICEGATE_CODE_TTL_SECONDS: String(settings.codeTtlSeconds),
        VOICEGATE_CODE_DIGITS: String(settings.codeDigits),
        ...(settings.iotDataEndpoint && { VOICEGATE_IOT_DATA_ENDPOINT: settings.iotDataEndpoint }),
        VOICEGATE_FACTOR_KEY_ARN: factorSecrets.key.keyArn,
        ...(settings.factorPolicy && { [FACTOR_POLICY_VARIABLE]: JSON.stringify(settings.factorPolicy) }),
      },
    });

    const workflow = new ConfirmCommandWorkflow(this, 'Workflow', {
      stateMachineName,
      auditBus: audit.bus,
      issueChallenge: functions.issueChallenge.function,
      performAction: functions.performAction.function,
      codeTtlSeconds: settings.codeTtlSeconds,
    });
    grantFunctionPermissions(functions, { tables, secret, messaging, audit, workflow, devices, factorSecrets });

    const auditMetrics = new AuditMetrics(this, 'AuditMetrics', audit.logGroup);
    const { dashboard } = new AuditDashboard(this, 'AuditDashboard', {
      dashboardName: `${this.stackName}-audit`,
      stateMachine: workflow.stateMachine,
      performAction: functions.performAction.function,
      auditMetrics,
      auditLog: audit.logGroup,
    });
    dashboard.addWidgets(...new DeviceDashboard(this, 'DeviceDashboard', audit.logGroup).widgets);
    new VoiceGateAlarms(this, 'Alarms', {
      stateMachine: workflow.stateMachine,
      auditMetrics,
      codeTtlSeconds: settings.codeTtlSeconds,
      ...(settings.alarmEmail && { alarmEmail: settings.alarmEmail }),
    });

    const outputs: Record<string, [value: string, description: string]> = {
      SkillFunctionArn: [functions.skill.function.functionArn, 'The skill endpoint: manifest.apis.custom.endpoint.uri in skill.json'],
      AuthorizationUrl: [linking.authorizationUrl, 'Account linking: "Your Web Authorization URI"'],
      AccessTokenUrl: [linking.tokenUrl, 'Account linking: "Access Token URI"'],
      AccountLinkingClientId: [linking.client.userPoolClientId, 'Account linking: "Your Client ID" (its secret: see docs/deploy.md)'],
      UserPoolId: [linking.userPool.userPoolId, 'Where operators create VoiceGate users'],
      UsersTableName: [tables.table('users').tableName, "Where each user's phone, e-mail and allowed targets live"],
      StateMachineArn: [workflow.stateMachine.stateMachineArn, 'The confirm-command workflow'],
      DevicesTableName: [tables.table('devices').tableName, 'Which things each user owns (owner, thingName, name, type)'],
      ThingPolicyName: [devices.thingPolicy.ref, 'Attach to every device certificate: its thing, its own shadow topics only'],
      ThingTypeName: [devices.thingType.ref, 'Create VoiceGate things with this type and an owner attribute'],
      DashboardUrl: [
        `https://console.aws.amazon.com/cloudwatch/home?region=${this.region}#dashboards/dashboard/${dashboard.dashboardName}`,
        'The VoiceGate audit dashboard',
      ],
    };
    for (const [id, [value, description]] of Object.entries(outputs)) new CfnOutput(this, id, { value, description });
  }
}
