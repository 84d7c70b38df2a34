import { thingPolicyDocument } from '../../../functions/domain/thing-policy';
import { isAllowed, type PolicyContext } from '../../../infra/local/devices/broker/policy-evaluator';

const ARN = 'arn:aws:iot:local:000000000000:';

/** A certificate attached to `front-door`, connected with client id `clientId`. */
function connection(clientId: string, attachedThing = 'front-door'): PolicyContext {
  const attached = clientId === attachedThing;
  return {
    'iot:ClientId': clientId,
    'iot:Connection.Thing.ThingName': attached ? attachedThing : undefined,
    'iot:Connection.Thing.IsAttached': attached,
  };
}

const may = (action: string, resource: string, context = connection('front-door')) =>
  isAllowed(thingPolicyDocument(ARN), `iot:${action}`, `${ARN}${resource}`, context);

describe('the VoiceGate thing policy, evaluated', () => {
  it('lets a certificate connect only with the name of the thing it is attached to as client id', () => {
    expect(may('Connect', 'client/front-door')).toBe(true);
    expect(may('Connect', 'client/3d-printer', connection('3d-printer'))).toBe(false);
    expect(may('Connect', 'client/anything', connection('anything'))).toBe(false);
  });

  it('refuses a certificate that is not attached to the thing its client id names, though that thing exists', () => {
    const borrowedName: PolicyContext = {
      'iot:ClientId': '3d-printer',
      'iot:Connection.Thing.ThingName': '3d-printer',
      'iot:Connection.Thing.IsAttached': false,
    };

    expect(may('Connect', 'client/3d-printer', borrowedName)).toBe(false);
  });

  it('is a policy document of the one version AWS IoT accepts', () => {
    expect(thingPolicyDocument(ARN).Version).toBe('2012-10-17');
  });

  it("allows publishing, receiving and subscribing on the thing's own shadow topics", () => {
    expect(may('Publish', 'topic/$aws/things/front-door/shadow/update')).toBe(true);
    expect(may('Receive', 'topic/$aws/things/front-door/shadow/update/delta')).toBe(true);
    expect(may('Subscribe', 'topicfilter/$aws/things/front-door/shadow/update/delta')).toBe(true);
    expect(may('Subscribe', 'topicfilter/$aws/things/front-door/shadow/#')).toBe(true);
  });

  it("denies another thing's topics, wildcards across things, and topics outside the shadow", () => {
    expect(may('Publish', 'topic/$aws/things/3d-printer/shadow/update')).toBe(false);
    expect(may('Subscribe', 'topicfilter/$aws/things/3d-printer/shadow/update/delta')).toBe(false);
    expect(may('Subscribe', 'topicfilter/$aws/things/+/shadow/update/delta')).toBe(false);
    expect(may('Subscribe', 'topicfilter/#')).toBe(false);
    expect(may('Publish', 'topic/front-door/anything')).toBe(false);
    expect(may('Receive', 'topic/$aws/things/front-door-2/shadow/update/delta')).toBe(false);
  });

  it('grants nothing when the thing variable cannot be resolved', () => {
    const stranger = connection('stranger', 'front-door');

    expect(may('Publish', 'topic/$aws/things/front-door/shadow/update', stranger)).toBe(false);
    expect(may('Publish', 'topic/$aws/things//shadow/update', stranger)).toBe(false);
  });

  it('lets an explicit Deny win and knows no action it was not given', () => {
    const policy = thingPolicyDocument(ARN);
    const withDeny = { ...policy, Statement: [...policy.Statement, { Effect: 'Deny' as const, Action: 'iot:Publish', Resource: `${ARN}topic/*/update` }] };

    expect(isAllowed(withDeny, 'iot:Publish', `${ARN}topic/$aws/things/front-door/shadow/update`, connection('front-door'))).toBe(false);
    expect(may('DeleteThingShadow', 'thing/front-door')).toBe(false);
  });
});
