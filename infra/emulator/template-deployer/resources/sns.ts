import { CreateTopicCommand, SetTopicAttributesCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import type { ResourceCreator } from '../resource-type';

export const createTopic: ResourceCreator = async (p, { aws, generatedName }) => {
  const Name = p.TopicName ?? generatedName(256);
  const { TopicArn } = await aws.sns.send(
    new CreateTopicCommand({ Name, Attributes: { ...(p.DisplayName && { DisplayName: p.DisplayName }), ...(p.KmsMasterKeyId && { KmsMasterKeyId: p.KmsMasterKeyId }) } }),
  );
  for (const { Protocol, Endpoint } of p.Subscription ?? []) await aws.sns.send(new SubscribeCommand({ TopicArn, Protocol, Endpoint }));
  return { ref: TopicArn!, attributes: { TopicArn: TopicArn!, TopicName: Name } };
};

export const createTopicPolicy: ResourceCreator = async (p, { aws, logicalId }) => {
  for (const TopicArn of p.Topics) {
    await aws.sns.send(new SetTopicAttributesCommand({ TopicArn, AttributeName: 'Policy', AttributeValue: JSON.stringify(p.PolicyDocument) }));
  }
  return { ref: logicalId };
};

export const createSubscription: ResourceCreator = async (p, { aws }) => {
  const { SubscriptionArn } = await aws.sns.send(new SubscribeCommand({ TopicArn: p.TopicArn, Protocol: p.Protocol, Endpoint: p.Endpoint }));
  return { ref: SubscriptionArn! };
};
