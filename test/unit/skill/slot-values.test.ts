/** What the skill takes a slot to mean: Alexa's resolved canonical value when it matched one, else what was heard. */
import { Speech } from '../../../functions/domain/speech';
import { intentRequest } from '../../fixtures/alexa/envelopes';
import { skillWorld, type SkillWorld } from '../../support/fakes/skill-world';

type Resolution = { status: { code: string }; values?: { value: { name: string; id: string } }[] };

/** "start <heard>" as Alexa sends it after entity resolution by each authority. */
function startWithResolutions(world: SkillWorld, heard: string, resolutions: Resolution[]) {
  const envelope = intentRequest('StartInstanceIntent', { instance: heard }, { accessToken: world.tokenFor('alice') });
  Object.assign(envelope.request.intent!.slots!.instance!, { resolutions: { resolutionsPerAuthority: resolutions } });
  return world.send(envelope);
}

const matched = (name: string): Resolution => ({ status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name, id: name } }] });
const noMatch: Resolution = { status: { code: 'ER_SUCCESS_NO_MATCH' } };

describe('the skill: slot values', () => {
  let world: SkillWorld;
  beforeEach(() => {
    world = skillWorld();
  });

  it('acts on the canonical value an authority matched, not on the words heard', async () => {
    await startWithResolutions(world, 'the splunk box', [noMatch, matched('splunk')]);

    expect(await world.challenges.get('alice')).toMatchObject({ target: 'splunk' });
  });

  it('uses the words heard when no authority matched, or one reported no status', async () => {
    const reply = await startWithResolutions(world, 'mainframe', [{} as Resolution, noMatch]);

    expect(reply.speech).toBe(Speech.unknownTarget('mainframe'));
  });

  it.each<[string, Resolution]>([
    ['no values', { status: { code: 'ER_SUCCESS_MATCH' } }],
    ['an empty list of values', { status: { code: 'ER_SUCCESS_MATCH' }, values: [] }],
    ['a value entry without a value', { status: { code: 'ER_SUCCESS_MATCH' }, values: [{} as never] }],
    ['a value without a name', { status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: {} as never }] }],
  ])('uses the words heard when a matching authority names no value (%s)', async (_label, resolution) => {
    const reply = await startWithResolutions(world, 'mainframe', [resolution]);

    expect(reply.speech).toBe(Speech.unknownTarget('mainframe'));
  });

  it('uses the words heard when the resolutions name no authority at all (the list is optional)', async () => {
    const envelope = intentRequest('StartInstanceIntent', { instance: 'mainframe' }, { accessToken: world.tokenFor('alice') });
    Object.assign(envelope.request.intent!.slots!.instance!, { resolutions: {} });

    expect((await world.send(envelope)).speech).toBe(Speech.unknownTarget('mainframe'));
  });

  it('trims what was heard, and takes blank as not heard', async () => {
    expect((await world.say('alice', 'StartInstanceIntent', { instance: '   ' })).speech).toBe(Speech.missingTarget());
    expect((await world.say('alice', 'StartInstanceIntent', { instance: ' mainframe ' })).speech).toBe(Speech.unknownTarget('mainframe'));
  });

  it('takes an intent sent without slots as nothing heard', async () => {
    const envelope = intentRequest('StartInstanceIntent', {}, { accessToken: world.tokenFor('alice') });

    expect((await world.send(envelope)).speech).toBe(Speech.missingTarget());
  });
});
