import { DEVICE_THING_TYPE } from '../../functions/domain/thing-policy';
import { asText, onlyResource, synthesizeVoiceGate, TEST_SETTINGS, type SynthesizedVoiceGate } from './voicegate-template';

let voiceGate: SynthesizedVoiceGate;
beforeAll(() => {
  voiceGate = synthesizeVoiceGate();
});

const ARN = 'arn:<Ref:AWS::Partition>:iot:<Ref:AWS::Region>:<Ref:AWS::AccountId>:';

describe('devices on AWS IoT Core', () => {
  it('deploys one device policy: connect only as the attached thing, its own shadow topics only', () => {
    const policy = onlyResource(voiceGate.template, 'AWS::IoT::Policy');
    const statements = (policy.Properties.PolicyDocument.Statement as Record<string, unknown>[]).map((statement) => ({
      ...statement,
      Resource: asText(statement.Resource),
    }));

    expect(policy.Properties.PolicyName).toBe('VoiceGate-device');
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: 'iot:Connect',
        Resource: `${ARN}client/\${iot:Connection.Thing.ThingName}`,
        Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
      },
      { Effect: 'Allow', Action: ['iot:Publish', 'iot:Receive'], Resource: `${ARN}topic/$aws/things/\${iot:Connection.Thing.ThingName}/shadow/*` },
      { Effect: 'Allow', Action: 'iot:Subscribe', Resource: `${ARN}topicfilter/$aws/things/\${iot:Connection.Thing.ThingName}/shadow/*` },
    ]);
    // No wildcard that could reach another thing: every resource is pinned to the connection's thing.
    for (const { Resource } of statements) expect(Resource).toContain('${iot:Connection.Thing.ThingName}');
  });

  it('has a thing type whose owner attribute is searchable', () => {
    const thingType = onlyResource(voiceGate.template, 'AWS::IoT::ThingType');

    expect(thingType.Properties.ThingTypeName).toBe(DEVICE_THING_TYPE);
    expect(thingType.Properties.ThingTypeProperties.SearchableAttributes).toContain('owner');
  });

  it('keeps who owns which device in a table keyed by owner, then thing name', () => {
    voiceGate.template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'VoiceGate-devices',
      KeySchema: [
        { AttributeName: 'owner', KeyType: 'HASH' },
        { AttributeName: 'thingName', KeyType: 'RANGE' },
      ],
    });
  });

  it('adds device widgets to the dashboard: device actions by outcome, AWS IoT shadow and connection metrics, latest device actions', () => {
    const dashboard = onlyResource(voiceGate.template, 'AWS::CloudWatch::Dashboard');
    const widgets = JSON.parse(asText(dashboard.Properties.DashboardBody)).widgets as {
      properties: { title?: string; metrics?: unknown[][]; query?: string };
    }[];
    const byTitle = (title: string) => widgets.find((widget) => widget.properties.title === title)?.properties;
    const names = (title: string) =>
      (byTitle(title)?.metrics ?? []).map((row) =>
        row
          .filter((cell) => typeof cell === 'string')
          .slice(0, 2)
          .join(' '),
      );

    expect(names('Device actions')).toEqual(['VoiceGate DeviceActionSucceeded', 'VoiceGate DeviceActionFailed']);
    expect(names('Device shadows and connections (AWS IoT)')).toEqual([
      'AWS/IoT UpdateThingShadow.Accepted',
      'AWS/IoT UpdateThingShadow.Accepted',
      'AWS/IoT Connect.Success',
      'AWS/IoT Connect.AuthError',
      'AWS/IoT PublishIn.AuthError',
    ]);
    expect(byTitle('Latest device actions')?.query).toMatch(/filter detail\.target like \/\^the \//);
  });

  it('hands the functions the IoT data endpoint when the deployment names one', () => {
    const withEndpoint = synthesizeVoiceGate({ ...TEST_SETTINGS, 'voicegate:iotDataEndpoint': 'a1b2c3-ats.iot.eu-west-1.amazonaws.com' });
    const functions = Object.values(withEndpoint.template.findResources('AWS::Lambda::Function'));

    for (const fn of functions) expect(fn.Properties.Environment.Variables.VOICEGATE_IOT_DATA_ENDPOINT).toBe('a1b2c3-ats.iot.eu-west-1.amazonaws.com');
    expect(() => synthesizeVoiceGate({ ...TEST_SETTINGS, 'voicegate:iotDataEndpoint': 'https://evil.example.com' })).toThrow(/iotDataEndpoint/);
  });
});
