/**
 * Just enough SQS (JSON protocol) to read what Step Functions and EventBridge send to a
 * queue in moto. The project has no SQS client dependency, and moto needs no signature:
 * the Authorization header only tells it which service is meant.
 */
import { setTimeout as sleep } from 'node:timers/promises';

const ACCOUNT_ID = '123456789012';
const REGION = 'us-east-1';
const POLL_ATTEMPTS = 100;

export class MotoQueue {
  private constructor(
    private readonly endpoint: string,
    readonly url: string,
    readonly arn: string,
  ) {}

  static async create(endpoint: string, name: string): Promise<MotoQueue> {
    const { QueueUrl } = await sqs<{ QueueUrl: string }>(endpoint, 'CreateQueue', { QueueName: name });
    return new MotoQueue(endpoint, QueueUrl, `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${name}`);
  }

  /** Waits for the next message, deletes it and returns its body. */
  async take(): Promise<string> {
    for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt++) {
      const { Messages = [] } = await sqs<{ Messages?: { Body: string; ReceiptHandle: string }[] }>(this.endpoint, 'ReceiveMessage', {
        QueueUrl: this.url,
        MaxNumberOfMessages: 1,
        WaitTimeSeconds: 0,
      });
      const [message] = Messages;
      if (message) {
        await sqs(this.endpoint, 'DeleteMessage', { QueueUrl: this.url, ReceiptHandle: message.ReceiptHandle });
        return message.Body;
      }
      await sleep(50);
    }
    throw new Error(`no message arrived on ${this.url}`);
  }
}

async function sqs<T>(endpoint: string, action: string, body: object): Promise<T> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': `AmazonSQS.${action}`,
      Authorization: `AWS4-HMAC-SHA256 Credential=test/20260101/${REGION}/sqs/aws4_request, SignedHeaders=host, Signature=test`,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`SQS ${action} failed: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}
