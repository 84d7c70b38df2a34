import { CreateTopicCommand, SetTopicAttributesCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { answered, type NamedResourceCreator, type ResourceCreator } from '../resource-type';

export const createTopic: NamedResourceCreator = async (Name, p, { aws }) => {
  const { TopicArn } = await aws.sns.send(
    new CreateTopicCommand({
      Name,
      Attributes: { ...(p.DisplayName && { DisplayName: p.DisplayName }), ...(p.KmsMasterKeyId && { KmsMasterKeyId: p.KmsMasterKeyId }) },
    }),
  );
  const topicArn = answered(TopicArn, 'TopicArn');
  for (const { Protocol, Endpoint } of p.Subscription ?? []) await aws.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol, Endpoint }));
  return { ref: topicArn, attributes: { TopicArn: topicArn, TopicName: Name } };
};

export const createTopicPolicy: ResourceCreator = async (p, { aws, logicalId }) => {
  for (const TopicArn of p.Topics) {
    await aws.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'Policy', AttributeValue: JSON.stringify(p.PolicyDocument) }));
  }
  return { ref: logicalId };
};

export const createSubscription: ResourceCreator = async (p, { aws }) => {
  const { SubscriptionArn } = await aws.sns.send(new SubscribeCommand({ TopicArn: p.TopicArn, Protocol: p.Protocol, Endpoint: p.Endpoint }));
  return { ref: answered(SubscriptionArn, 'SubscriptionArn') };
};
