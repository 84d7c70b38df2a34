import { CreateStateMachineCommand } from '@aws-sdk/client-sfn';
import { answered, type NamedResourceCreator } from '../resource-type';

/** The template's DefinitionString with its DefinitionSubstitutions applied, as CloudFormation does. */
export const createStateMachine: NamedResourceCreator = async (name, p, { aws }) => {
  const definition = Object.entries((p.DefinitionSubstitutions ?? {}) as Record<string, unknown>).reduce(
    (text, [key, value]) => text.replaceAll(`\${${key}}`, String(value)),
    typeof p.DefinitionString === 'string' ? p.DefinitionString : JSON.stringify(p.Definition),
  );
  const logging = p.LoggingConfiguration;
  const { stateMachineArn } = await aws.sfn.send(
    new CreateStateMachineCommand({
      name,
      definition,
      roleArn: p.RoleArn,
      type: p.StateMachineType,
      ...(logging && {
        loggingConfiguration: {
          level: logging.Level,
          includeExecutionData: logging.IncludeExecutionData,
          destinations: (logging.Destinations ?? []).map((d: LogDestination) => ({
            cloudWatchLogsLogGroup: { logGroupArn: d.CloudWatchLogsLogGroup.LogGroupArn },
          })),
        },
      }),
      ...(p.TracingConfiguration && { tracingConfiguration: { enabled: p.TracingConfiguration.Enabled } }),
      ...(p.EncryptionConfiguration && {
        encryptionConfiguration: {
          type: p.EncryptionConfiguration.Type,
          kmsKeyId: p.EncryptionConfiguration.KmsKeyId,
          kmsDataKeyReusePeriodSeconds: p.EncryptionConfiguration.KmsDataKeyReusePeriodSeconds,
        },
      }),
    }),
  );
  const arn = answered(stateMachineArn, 'stateMachineArn');
  return { ref: arn, attributes: { Arn: arn, Name: name } };
};

/** AWS::StepFunctions::StateMachine LogDestination. */
interface LogDestination {
  CloudWatchLogsLogGroup: { LogGroupArn: string };
}
