/**
 * The cold-start yardstick: a Lambda handler doing what the aws-samples SMS-PIN skill does
 * per request, one DynamoDB GetItem and one PutItem, bundled exactly as VoiceGate's
 * functions are (infra/aws/function-bundle.ts). Each function's cold start is reported as a
 * ratio to this one, measured in the same run.
 */
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

const client = new DynamoDBClient({});

export async function handler(event: { userId: string }): Promise<{ found: boolean }> {
  const TableName = `${process.env.VOICEGATE_TABLE_PREFIX}users`;
  const { Item } = await client.send(new GetItemCommand({ TableName, Key: { userId: { S: event.userId } } }));
  await client.send(new PutItemCommand({ TableName, Item: { userId: { S: event.userId }, seenAt: { N: String(Date.now()) } } }));
  return { found: Item !== undefined };
}
