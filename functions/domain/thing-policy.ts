/**
 * The AWS IoT policy every VoiceGate device certificate gets: a certificate may connect only
 * with the client id of the thing it is attached to, and publish, subscribe and receive only
 * on that thing's own shadow topics. The CDK stack deploys this document; the local broker
 * evaluates the very same document, so both enforce one set of rules.
 */
// biome-ignore lint/suspicious/noTemplateCurlyInString: an AWS IoT policy variable, filled in by IoT (and the local broker), not by JavaScript
export const THING_NAME_VARIABLE = '${iot:Connection.Thing.ThingName}';

/** The thing type of VoiceGate devices; `owner` (a linked user's id) is searchable. */
export const DEVICE_THING_TYPE = 'voicegate-device';
export const SEARCHABLE_THING_ATTRIBUTES = ['owner', 'name', 'type'];

/**
 * AWS IoT things have no tags, so IAM tells VoiceGate's things from others by name: the
 * functions may read and update only the shadows of things named `voicegate-...`.
 */
export const VOICEGATE_THING_PREFIX = 'voicegate-';

/** The device policy a stack deploys, e.g. `VoiceGate-device`. */
export function devicePolicyName(stackName: string): string {
  return `${stackName}-device`;
}

/** What AWS IoT allows in a thing attribute value: no spaces ("garage door" is stored as "garage_door"). */
const ATTRIBUTE_VALUE = /^[a-zA-Z0-9_.,@/:#=[\]-]*$/;

/**
 * The thing's registry attributes: its owner and type, spaces as underscores. The spoken name
 * ("front door") lives only in the devices table, where spaces are allowed.
 */
export function thingAttributes(device: { owner: string; type: string }): Record<string, string> {
  const attributes = { owner: device.owner, type: device.type.replaceAll(' ', '_') };
  for (const [key, value] of Object.entries(attributes)) {
    if (!ATTRIBUTE_VALUE.test(value)) throw new TypeError(`the thing attribute ${key} may not contain ${JSON.stringify(value)}`);
  }
  return attributes;
}

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** The thing's shadow topics: `$aws/things/<thing>/shadow/update`, `.../update/delta`, `.../get/accepted`, ... */
export function shadowTopicPrefix(thingName: string): string {
  return `$aws/things/${thingName}/shadow/`;
}

/** `iotArnPrefix` is `arn:<partition>:iot:<region>:<account>:` (tokens in the CDK stack). */
export function thingPolicyDocument(iotArnPrefix: string): PolicyDocument {
  const shadowTopics = `${shadowTopicPrefix(THING_NAME_VARIABLE)}*`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        // The thing-name variable resolves only when the client id is the name of a thing the
        // certificate is attached to: another thing's name, or any other id, cannot connect.
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: `${iotArnPrefix}client/${THING_NAME_VARIABLE}`,
        Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
      },
      { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: `${iotArnPrefix}topic/${shadowTopics}` },
      { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${iotArnPrefix}topicfilter/${shadowTopics}` },
    ],
  };
}
