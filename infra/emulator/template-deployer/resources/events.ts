import { CreateArchiveCommand, CreateEventBusCommand, PutRuleCommand, PutTargetsCommand } from '@aws-sdk/client-eventbridge';
import { answered, type NamedResourceCreator, type ResourceCreator } from '../resource-type';

export const createEventBus: ResourceCreator = async (p, { aws }) => {
  const { EventBusArn } = await aws.events.send(new CreateEventBusCommand({ Name: p.Name, Description: p.Description }));
  return { ref: p.Name, attributes: { Arn: answered(EventBusArn, 'EventBusArn'), Name: p.Name } };
};

/** The template's EventPattern is an object; the API takes it as JSON text. */
export const createArchive: NamedResourceCreator = async (ArchiveName, p, { aws }) => {
  const { ArchiveArn } = await aws.events.send(
    new CreateArchiveCommand({
      ArchiveName,
      EventSourceArn: p.SourceArn,
      Description: p.Description,
      EventPattern: jsonText(p.EventPattern),
      RetentionDays: p.RetentionDays,
      ...(p.KmsKeyIdentifier && { KmsKeyIdentifier: p.KmsKeyIdentifier }),
    }),
  );
  return { ref: ArchiveName, attributes: { Arn: answered(ArchiveArn, 'ArchiveArn') } };
};

export const createRule: NamedResourceCreator = async (Name, p, { aws }) => {
  const { RuleArn } = await aws.events.send(
    new PutRuleCommand({
      Name,
      EventBusName: p.EventBusName,
      Description: p.Description,
      EventPattern: jsonText(p.EventPattern),
      ScheduleExpression: p.ScheduleExpression,
      State: p.State,
    }),
  );
  if (p.Targets?.length) await aws.events.send(new PutTargetsCommand({ Rule: Name, EventBusName: p.EventBusName, Targets: p.Targets }));
  // CloudFormation's Ref of a rule on a custom bus is "bus|rule".
  return { ref: p.EventBusName && p.EventBusName !== 'default' ? `${p.EventBusName}|${Name}` : Name, attributes: { Arn: answered(RuleArn, 'RuleArn') } };
};

function jsonText(pattern: unknown): string | undefined {
  if (pattern === undefined) return undefined;
  return typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
}
