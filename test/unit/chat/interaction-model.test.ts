/** The skill package must build on ASK and honour the intent/slot contract of docs/local-api.md. */
import skill from '../../../skill/skill-package/skill.json';
import model from '../../../skill/skill-package/interactionModels/custom/en-US.json';

const { invocationName, intents, types } = model.interactionModel.languageModel;
const intentNamed = (name: string) => intents.find((intent) => intent.name === name);
const allSamples = intents.flatMap((intent) => intent.samples.map((sample) => ({ intent: intent.name, sample })));
const comparable = (sample: string) => sample.toLowerCase().replace(/\s+/g, ' ').trim();

describe('interaction model', () => {
  it('is invoked as "cloud control"', () => {
    expect(invocationName).toBe('cloud control');
  });

  it.each([
    ['ListInstancesIntent', {}, ['list instances', 'what instances do I have']],
    ['StartInstanceIntent', { instance: 'INSTANCE_NAME' }, ['start {instance}', 'turn on {instance}']],
    ['StopInstanceIntent', { instance: 'INSTANCE_NAME' }, ['stop {instance}', 'turn off {instance}']],
    ['RebootInstanceIntent', { instance: 'INSTANCE_NAME' }, ['reboot {instance}', 'restart {instance}']],
    ['AuthorizeIntent', { code: 'AMAZON.NUMBER' }, ['authorize {code}', 'authenticate {code}', 'the code is {code}', 'my code is {code}', 'code {code}']],
    [
      'SendCodeIntent',
      { channel: 'CHANNEL' },
      ['authenticate {channel}', 'send the code by {channel}', 'send it by {channel}', 'send the code again', 'send a new code', 'resend the code'],
    ],
    ['DeviceCommandIntent', { action: 'DEVICE_ACTION', device: 'DEVICE_NAME' }, ['{action} the {device}', '{action} my {device}']],
    ['DeviceStatusIntent', { device: 'DEVICE_NAME' }, ['what is the status of the {device}', 'is the {device} locked']],
  ])('%s has slots %j and the samples the spec names', (name, slots, samples) => {
    const intent = intentNamed(name)!;

    expect(Object.fromEntries((intent.slots ?? []).map((slot) => [slot.name, slot.type]))).toEqual(slots);
    expect(intent.samples).toEqual(expect.arrayContaining(samples));
    expect(intent.samples.length).toBeGreaterThan(samples.length);
  });

  it('includes the required built-in intents', () => {
    const builtIns = ['Cancel', 'Help', 'Stop', 'Fallback', 'NavigateHome'].map((name) => `AMAZON.${name}Intent`);

    for (const name of builtIns) expect(intentNamed(name)).toBeDefined();
  });

  it.each([
    ['INSTANCE_NAME', ['splunk', 'web', 'build']],
    ['CHANNEL', ['text', 'email']],
    ['DEVICE_ACTION', ['lock', 'unlock', 'start', 'stop', 'open', 'close']],
    ['DEVICE_NAME', ['front door', '3D printer', 'garage door']],
  ])('slot type %s has the values %j', (typeName, values) => {
    const type = types.find(({ name }) => name === typeName)!;

    expect(type.values.map(({ name }) => name.value)).toEqual(values);
  });

  it('offers sms and e-mail synonyms for the channel', () => {
    const channel = types.find(({ name }) => name === 'CHANNEL')!.values.map(({ name }) => name);

    expect(channel).toEqual([
      { value: 'text', synonyms: expect.arrayContaining(['sms', 'text message', 'phone']) },
      { value: 'email', synonyms: expect.arrayContaining(['e-mail', 'mail']) },
    ]);
  });

  it('has no sample twice, within an intent or across intents (the ASK build rejects that)', () => {
    const owners = new Map<string, string[]>();
    for (const { intent, sample } of allSamples) owners.set(comparable(sample), [...(owners.get(comparable(sample)) ?? []), intent]);

    const duplicates = [...owners].filter(([, intentNames]) => intentNames.length > 1);

    expect(duplicates).toEqual([]);
  });

  it('names only declared slots in samples, and only declared or AMAZON slot types', () => {
    const declaredTypes = new Set(types.map(({ name }) => name));
    for (const intent of intents) {
      const slotNames = (intent.slots ?? []).map(({ name }) => name);
      for (const sample of intent.samples) {
        for (const [, slot] of sample.matchAll(/\{(\w+)\}/g)) expect(slotNames).toContain(slot);
      }
      for (const slot of intent.slots ?? []) expect(slot.type.startsWith('AMAZON.') || declaredTypes.has(slot.type)).toBe(true);
    }
  });

  it('spells numbers out in samples and uses no punctuation but apostrophes (ASK sample rules)', () => {
    for (const { sample } of allSamples) expect(sample).toMatch(/^[a-zA-Z' {}]+$/);
  });
});

describe('skill manifest', () => {
  const { manifest } = skill;

  it('is a custom skill on a Lambda endpoint, with en-US publishing information', () => {
    expect(manifest.apis.custom.endpoint.uri).toMatch(/^arn:aws:lambda:/);
    expect(manifest.publishingInformation.locales['en-US'].name).toBe('Cloud Control');
    expect(manifest.publishingInformation.locales['en-US'].examplePhrases[0]).toBe('Alexa, open cloud control');
  });

  it('asks for no permissions and leaves account linking to its own ask-cli file', () => {
    expect(manifest.permissions).toEqual([]);
    expect(manifest).not.toHaveProperty('accountLinking');
  });
});
