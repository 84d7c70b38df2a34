import intentFixture from '../../fixtures/alexa/intent-request.json';
import { DEFAULT_SKILL_ID, intentRequest, launchRequest, sessionEndedRequest, type AlexaRequestEnvelope } from '../../fixtures/alexa/envelopes';

const builders = {
  launchRequest: (options = {}) => launchRequest(options),
  intentRequest: (options = {}) => intentRequest('ListInstancesIntent', {}, options),
  sessionEndedRequest: (options = {}) => sessionEndedRequest(options),
};
const everyBuilder = Object.entries(builders);

function skillIds(envelope: AlexaRequestEnvelope): string[] {
  return [envelope.session.application.applicationId, envelope.context.System.application.applicationId];
}

describe('envelope builders', () => {
  it.each(everyBuilder)('%s: puts the access token in the session and in the context', (_, build) => {
    const envelope = build({ accessToken: 'jwt-of-alice' });

    expect(envelope.session.user.accessToken).toBe('jwt-of-alice');
    expect(envelope.context.System.user.accessToken).toBe('jwt-of-alice');
  });

  it.each(everyBuilder)('%s: leaves the token out of both places when there is none', (_, build) => {
    const envelope = build({});

    expect(envelope.session.user).not.toHaveProperty('accessToken');
    expect(envelope.context.System.user).not.toHaveProperty('accessToken');
    expect(envelope.session.user.userId).toMatch(/^amzn1\.ask\.account\./);
  });

  it.each(everyBuilder)('%s: uses the local skill id by default, or the given one, in both places', (_, build) => {
    expect(skillIds(build({}))).toEqual([DEFAULT_SKILL_ID, DEFAULT_SKILL_ID]);
    expect(DEFAULT_SKILL_ID).toBe('amzn1.ask.skill.voicegate-local');
    expect(skillIds(build({ skillId: 'amzn1.ask.skill.other' }))).toEqual(['amzn1.ask.skill.other', 'amzn1.ask.skill.other']);
  });

  it.each(everyBuilder)('%s: gives every request its own Alexa-style request id', (_, build) => {
    const ids = Array.from({ length: 20 }, () => build({}).request.requestId);

    expect(new Set(ids).size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^amzn1\.echo-api\.request\.[0-9a-f-]{36}$/);
  });

  it.each(everyBuilder)('%s: stamps now in whole seconds, or the given timestamp', (_, build) => {
    const stamped = Date.parse(build({}).request.timestamp);

    expect(build({}).request.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Math.abs(stamped - Date.now())).toBeLessThan(5_000);
    expect(build({ timestamp: '2026-11-05T10:00:00Z' }).request.timestamp).toBe('2026-11-05T10:00:00Z');
  });

  it('keeps the Alexa envelope frame: version, locale, device, API endpoint', () => {
    const envelope = launchRequest({ sessionNew: true });

    expect(envelope).toMatchObject({
      version: '1.0',
      session: { new: true, sessionId: expect.stringMatching(/^amzn1\.echo-api\.session\./), attributes: {} },
      context: {
        System: {
          device: { deviceId: expect.any(String), supportedInterfaces: expect.any(Object) },
          apiEndpoint: 'https://api.amazonalexa.com',
          apiAccessToken: expect.any(String),
        },
      },
      request: { type: 'LaunchRequest', locale: 'en-US' },
    });
  });

  it('builds the intent fixture back from its parts', () => {
    const { timestamp } = intentFixture.request;

    const envelope = intentRequest('StartInstanceIntent', { instance: 'splunk' }, { timestamp });

    expect({ ...envelope, request: { ...envelope.request, requestId: 'any' } }).toStrictEqual({
      ...intentFixture,
      request: { ...intentFixture.request, requestId: 'any' },
    });
  });

  it('shapes slots as Alexa does: a filled one with value and source, an unfilled one with neither', () => {
    const envelope = intentRequest('DeviceCommandIntent', { action: 'unlock', device: undefined });

    expect(envelope.request.intent).toStrictEqual({
      name: 'DeviceCommandIntent',
      confirmationStatus: 'NONE',
      slots: {
        action: { name: 'action', value: 'unlock', confirmationStatus: 'NONE', source: 'USER' },
        device: { name: 'device', confirmationStatus: 'NONE' },
      },
    });
  });

  it('sends an intent without slots with no slots object', () => {
    expect(intentRequest('AMAZON.HelpIntent', {}).request.intent).toStrictEqual({
      name: 'AMAZON.HelpIntent',
      confirmationStatus: 'NONE',
    });
  });

  it('ends a session the way a user walking away does', () => {
    expect(sessionEndedRequest({}).request).toMatchObject({ type: 'SessionEndedRequest', reason: 'USER_INITIATED' });
    expect(sessionEndedRequest({}).session.new).toBe(false);
  });

  it('carries the session: id, new flag and a copy of the attributes', () => {
    const attributes = { pendingCommandId: 'c-1' };

    const envelope = intentRequest(
      'AuthorizeIntent',
      { code: '482913' },
      {
        sessionId: 'amzn1.echo-api.session.chat',
        sessionNew: false,
        attributes,
      },
    );
    attributes.pendingCommandId = 'changed later';

    expect(envelope.session).toMatchObject({
      sessionId: 'amzn1.echo-api.session.chat',
      new: false,
      attributes: { pendingCommandId: 'c-1' },
    });
  });

  it('returns fresh copies: changing one envelope changes no later one', () => {
    const first = intentRequest('StartInstanceIntent', { instance: 'splunk' }, { accessToken: 'a' });
    first.session.attributes.polluted = true;
    first.context.System.device.deviceId = 'polluted';

    const second = intentRequest('StartInstanceIntent', { instance: 'splunk' });

    expect(second.session.attributes).toEqual({});
    expect(second.context.System.device.deviceId).not.toBe('polluted');
  });
});
