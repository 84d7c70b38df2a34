import model from '../../../skill/skill-package/interactionModels/custom/en-US.json';
import { createUtteranceMatcher, type InteractionModel, type MatchedRequest } from '../../../infra/local/chat/utterance-matcher';

const match = createUtteranceMatcher(model);
const { intents, types } = model.interactionModel.languageModel;

/** A value a user could say for a slot of `type`: a number, or the first value of a custom type. */
function sayableValue(type: string): { spoken: string; resolved: string } {
  if (type === 'AMAZON.NUMBER') return { spoken: 'four eight two nine one three', resolved: '482913' };
  const value = types.find(({ name }) => name === type)!.values[0]!.name.value;
  return { spoken: value, resolved: value };
}

function intent(name: string, slots: Record<string, string | undefined> = {}): MatchedRequest {
  return { type: 'IntentRequest', intent: name, slots };
}

describe('utterance matcher: every sample of the model', () => {
  const cases = intents.flatMap(({ name, slots, samples }) => samples.map((sample) => ({ name, slots: slots ?? [], sample })));

  it.each(cases)('$name <- "$sample"', ({ name, slots, sample }) => {
    // Arrange: fill each slot the sample names; the intent's other slots stay unfilled
    let utterance = sample;
    const expected: Record<string, string | undefined> = {};
    for (const slot of slots) {
      const { spoken, resolved } = sayableValue(slot.type);
      const named = sample.includes(`{${slot.name}}`);
      utterance = utterance.replace(`{${slot.name}}`, spoken);
      expected[slot.name] = named ? resolved : undefined;
    }

    // Act + Assert
    expect(match(utterance)).toStrictEqual(intent(name, expected));
  });
});

describe('utterance matcher: custom slot values', () => {
  const synonymCases = types.flatMap((type) =>
    type.values.flatMap(({ name }) => ('synonyms' in name ? name.synonyms : []).map((synonym) => ({ type: type.name, synonym, canonical: name.value }))),
  );

  it.each(synonymCases)('$type: "$synonym" resolves to "$canonical"', ({ type, synonym, canonical }) => {
    const user = intents.find(({ slots }) => slots?.some((slot) => slot.type === type))!;
    const slot = user.slots!.find((candidate) => candidate.type === type)!;
    const sample = user.samples.find((candidate) => candidate.includes(`{${slot.name}}`))!;
    const utterance = sample.replace(/\{(\w+)\}/g, (_, name: string) =>
      name === slot.name ? synonym : sayableValue(user.slots!.find((other) => other.name === name)!.type).spoken,
    );

    const result = match(utterance);

    expect(result).toMatchObject({ intent: user.name, slots: { [slot.name]: canonical } });
  });

  it('fills both device slots, "unlock the front door"', () => {
    expect(match('unlock the front door')).toStrictEqual(intent('DeviceCommandIntent', { action: 'unlock', device: 'front door' }));
  });

  it('keeps the canonical spelling of a device, "start the 3d printer" -> "3D printer"', () => {
    expect(match('start the 3d printer')).toStrictEqual(intent('DeviceCommandIntent', { action: 'start', device: '3D printer' }));
  });

  it('tells an instance from a device: "stop web" vs "stop the garage door"', () => {
    expect(match('stop web')).toStrictEqual(intent('StopInstanceIntent', { instance: 'web' }));
    expect(match('stop the garage door')).toStrictEqual(intent('DeviceCommandIntent', { action: 'stop', device: 'garage door' }));
  });

  it('resolves the channel: "send the code by email", "authenticate text", "send the code again"', () => {
    expect(match('send the code by email')).toStrictEqual(intent('SendCodeIntent', { channel: 'email' }));
    expect(match('authenticate text')).toStrictEqual(intent('SendCodeIntent', { channel: 'text' }));
    expect(match('send the code again')).toStrictEqual(intent('SendCodeIntent', { channel: undefined }));
  });

  it('ignores case, extra spaces and final punctuation', () => {
    expect(match('  Start   SPLUNK. ')).toStrictEqual(intent('StartInstanceIntent', { instance: 'splunk' }));
  });
});

describe('utterance matcher: AMAZON.NUMBER', () => {
  it.each([
    ['authorize 4 8 2 9 1 3', '482913'],
    ['authorize 482913', '482913'],
    ['authorize 48 29 13', '482913'],
    ['the code is 482913', '482913'],
    ['my code is four eight two nine one three', '482913'],
    ['authenticate Four Eight Two 9 1 3', '482913'],
    ['authorize zero four one two three four', '41234'],
    ['code 0 0 7', '7'],
    ['authorize zero', '0'],
  ])('"%s" -> code %s', (utterance, code) => {
    expect(match(utterance)).toStrictEqual(intent('AuthorizeIntent', { code }));
  });

  it('does not take a channel for a number, nor a number for a channel', () => {
    expect(match('authenticate 123456')).toMatchObject({ intent: 'AuthorizeIntent' });
    expect(match('authenticate sms')).toMatchObject({ intent: 'SendCodeIntent' });
  });
});

describe('utterance matcher: invocation, built-ins and fallback', () => {
  it.each(['open cloud control', 'launch cloud control', 'Alexa, open cloud control', '', '   '])('"%s" is a LaunchRequest', (utterance) => {
    expect(match(utterance)).toStrictEqual({ type: 'LaunchRequest' });
  });

  it('reads a one-shot "ask cloud control to ..." as the command inside it', () => {
    expect(match('Alexa, ask cloud control to authorize 482913')).toStrictEqual(intent('AuthorizeIntent', { code: '482913' }));
  });

  it.each([
    ['cancel', 'AMAZON.CancelIntent'],
    ['never mind', 'AMAZON.CancelIntent'],
    ['help', 'AMAZON.HelpIntent'],
    ['stop', 'AMAZON.StopIntent'],
    ['go home', 'AMAZON.NavigateHomeIntent'],
  ])('"%s" is %s', (utterance, name) => {
    expect(match(utterance)).toStrictEqual(intent(name));
  });

  it.each(['order a pizza', 'authorize', 'what is the weather'])('"%s" falls back', (utterance) => {
    expect(match(utterance)).toStrictEqual(intent('AMAZON.FallbackIntent'));
  });
});

describe('utterance matcher: names the model does not list reach the skill, as on Alexa', () => {
  it.each([
    ['start database', intent('StartInstanceIntent', { instance: 'database' })],
    ['reboot the Mainframe', intent('RebootInstanceIntent', { instance: 'mainframe' })],
    ['start the car', intent('StartInstanceIntent', { instance: 'car' })],
    ['open the pod bay doors', intent('DeviceCommandIntent', { action: 'open', device: 'pod bay doors' })],
    ['what is the status of the toaster', intent('DeviceStatusIntent', { device: 'toaster' })],
  ])('"%s" fills the slot with the words spoken', (utterance, expected) => {
    expect(match(utterance)).toStrictEqual(expected);
  });

  it('listed values still win: "start the 3D printer" is a device command, not an instance called "the 3D printer"', () => {
    expect(match('start the 3D printer')).toStrictEqual(intent('DeviceCommandIntent', { action: 'start', device: '3D printer' }));
  });
});

describe('utterance matcher: ambiguous samples', () => {
  it('prefers the sample with more fixed words, wherever it sits in the model', () => {
    const overlapping: InteractionModel = {
      interactionModel: {
        languageModel: {
          invocationName: 'cloud control',
          intents: [
            { name: 'LooseIntent', slots: [{ name: 'thing', type: 'THING' }], samples: ['turn {thing}'] },
            { name: 'PreciseIntent', slots: [{ name: 'thing', type: 'THING' }], samples: ['turn on the {thing}'] },
          ],
          types: [{ name: 'THING', values: [{ name: { value: 'on the lights' } }, { name: { value: 'lights' } }] }],
        },
      },
    };

    expect(createUtteranceMatcher(overlapping)('turn on the lights')).toStrictEqual(intent('PreciseIntent', { thing: 'lights' }));
  });
});

describe('utterance matcher: model errors', () => {
  it('refuses a sample naming a slot its intent lacks', () => {
    const broken: InteractionModel = structuredClone(model);
    broken.interactionModel.languageModel.intents[0]!.samples!.push('list {nothing}');

    expect(() => createUtteranceMatcher(broken)).toThrow('ListInstancesIntent has a sample naming {nothing}');
  });
});
