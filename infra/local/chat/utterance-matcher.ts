/**
 * Resolves typed text to the request Alexa would send for it, using the skill's own
 * interaction model: every sample becomes an anchored, case-insensitive regex whose slots
 * accept only the values of their type. Pure: the model comes in, nothing is read here.
 */
import type { SlotValues } from './envelope';

export interface InteractionModel {
  interactionModel: { languageModel: LanguageModel };
}

interface LanguageModel {
  invocationName: string;
  intents: ModelIntent[];
  types?: ModelSlotType[];
}

interface ModelIntent {
  name: string;
  slots?: { name: string; type: string }[];
  samples?: string[];
}

interface ModelSlotType {
  name: string;
  values: { name: { value: string; synonyms?: string[] } }[];
}

export type MatchedRequest = { type: 'LaunchRequest' } | { type: 'IntentRequest'; intent: string; slots: SlotValues };

export type UtteranceMatcher = (utterance: string) => MatchedRequest;

/** Amazon trains built-in intents with its own samples; these are the everyday ones. */
const BUILT_IN_SAMPLES: Record<string, string[]> = {
  'AMAZON.CancelIntent': ['cancel', 'never mind', 'forget it'],
  'AMAZON.HelpIntent': ['help', 'help me', 'what can I say', 'what can you do'],
  'AMAZON.StopIntent': ['stop', 'quit', 'exit', 'shut up'],
  'AMAZON.NavigateHomeIntent': ['go home'],
};

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const DIGIT_GROUP = `(?:\\d+|${DIGIT_WORDS.join('|')})`;

const LAUNCH: MatchedRequest = { type: 'LaunchRequest' };
const FALLBACK: MatchedRequest = { type: 'IntentRequest', intent: 'AMAZON.FallbackIntent', slots: {} };

interface SlotGrammar {
  /** A regex fragment without capturing groups. */
  pattern: string;
  /** Spoken text -> the value Alexa puts in the slot. */
  resolve(spoken: string): string;
}

interface CompiledSample {
  regex: RegExp;
  /** Characters outside slots: the more fixed words a sample has, the more specific it is. */
  literalLength: number;
  toRequest(match: RegExpExecArray): MatchedRequest;
}

/** "4 8 2 9 1 3", "482913", "zero four one two three four"; like Alexa, leading zeros are dropped. */
const NUMBER_GRAMMAR: SlotGrammar = {
  pattern: `${DIGIT_GROUP}(?:\\s+${DIGIT_GROUP})*`,
  resolve: (spoken) =>
    spoken
      .split(/\s+/)
      .map(digitsOf)
      .join('')
      .replace(/^0+(?=\d)/, ''),
};

/**
 * Like Alexa, a custom slot type of names is not a closed list: "start database" still reaches
 * the skill with instance "database" (which answers that it has no such instance). Listed values
 * win first, so "start the 3D printer" stays a device command; only when no sample matches
 * with them do custom slots take any words.
 */
export function createUtteranceMatcher(model: InteractionModel): UtteranceMatcher {
  const { invocationName, intents, types = [] } = model.interactionModel.languageModel;
  const compile = (grammars: Map<string, SlotGrammar>) =>
    intents.flatMap((intent) => samplesOf(intent).map((sample) => compileSample(intent, sample, grammars))).sort((a, b) => b.literalLength - a.literalLength);
  const listedValues = compile(slotGrammars(types, customTypeGrammar));
  const anyWords = compile(slotGrammars(types, openTypeGrammar));
  const invocation = invocationPatterns(invocationName);

  return (utterance) => {
    const spoken = normalise(utterance);
    if (invocation.launch.test(spoken)) return LAUNCH;
    const command = invocation.oneShot.exec(spoken)?.[1] ?? spoken;
    return firstMatch(listedValues, command) ?? firstMatch(anyWords, command) ?? FALLBACK;
  };
}

function samplesOf(intent: ModelIntent): string[] {
  return [...(BUILT_IN_SAMPLES[intent.name] ?? []), ...(intent.samples ?? [])];
}

function firstMatch(samples: CompiledSample[], command: string): MatchedRequest | undefined {
  for (const sample of samples) {
    const match = sample.regex.exec(command);
    if (match) return sample.toRequest(match);
  }
  return undefined;
}

function compileSample(intent: ModelIntent, sample: string, grammars: Map<string, SlotGrammar>): CompiledSample {
  const slots = [...sample.matchAll(/\{(\w+)\}/g)].map(([, slotName = '']) => ({
    slotName,
    grammar: grammarOfSlot(intent, slotName, grammars),
  }));
  const literals = sample.split(/\{\w+\}/); // one more than slots: the text around them
  const source = literals.map((literal, index) => phrasePattern(literal) + (slots[index] ? `(${slots[index].grammar.pattern})` : '')).join('');

  return {
    regex: new RegExp(`^${source}$`, 'i'),
    literalLength: literals.join('').replace(/\s/g, '').length,
    toRequest: (match) => {
      // Alexa sends every slot of the intent, unfilled ones without a value.
      const values: SlotValues = Object.fromEntries((intent.slots ?? []).map((slot) => [slot.name, undefined]));
      for (const [index, { slotName, grammar }] of slots.entries()) {
        const spoken = match[index + 1];
        if (spoken !== undefined) values[slotName] = grammar.resolve(spoken);
      }
      return { type: 'IntentRequest', intent: intent.name, slots: values };
    },
  };
}

function grammarOfSlot(intent: ModelIntent, slotName: string, grammars: Map<string, SlotGrammar>): SlotGrammar {
  const slot = intent.slots?.find(({ name }) => name === slotName);
  if (!slot) throw new Error(`${intent.name} has a sample naming {${slotName}}, which is not one of its slots`);
  const grammar = grammars.get(slot.type);
  if (!grammar) throw new Error(`Slot type ${slot.type} of ${intent.name}.${slotName} is not supported by the chat`);
  return grammar;
}

function slotGrammars(types: ModelSlotType[], grammarOf: (type: ModelSlotType) => SlotGrammar): Map<string, SlotGrammar> {
  const grammars = new Map<string, SlotGrammar>([['AMAZON.NUMBER', NUMBER_GRAMMAR]]);
  for (const type of types) grammars.set(type.name, grammarOf(type));
  return grammars;
}

/**
 * For a type of names (`*_NAME`: instances, devices): any words, without a leading "the" or
 * "my", resolved to a listed value when they name one. Verbs and channels stay closed lists.
 */
function openTypeGrammar(type: ModelSlotType): SlotGrammar {
  const listed = customTypeGrammar(type);
  if (!type.name.endsWith('_NAME')) return listed;
  return { pattern: '\\S+(?:\\s+\\S+)*?', resolve: (spoken) => listed.resolve(spoken.toLowerCase().replace(/^(?:the|my)\s+/, '')) };
}

/** A custom type accepts its values and synonyms, and resolves each to the canonical value. */
function customTypeGrammar(type: ModelSlotType): SlotGrammar {
  const canonicalBySpoken = new Map<string, string>();
  for (const { name } of type.values) {
    for (const spoken of [name.value, ...(name.synonyms ?? [])]) canonicalBySpoken.set(spoken.toLowerCase(), name.value);
  }
  // Longest first, so "text message" wins over "text" when both could match.
  const alternatives = [...canonicalBySpoken.keys()].sort((a, b) => b.length - a.length).map(phrasePattern);
  return {
    pattern: `(?:${alternatives.join('|')})`,
    resolve: (spoken) => canonicalBySpoken.get(spoken.toLowerCase()) ?? spoken,
  };
}

/** "open cloud control" (or nothing at all) launches; "ask cloud control to X" means X. */
function invocationPatterns(invocationName: string): { launch: RegExp; oneShot: RegExp } {
  const name = phrasePattern(invocationName);
  return {
    launch: new RegExp(`^(?:(?:open|launch|start|ask|tell)\\s+${name})?$`, 'i'),
    oneShot: new RegExp(`^(?:ask|tell)\\s+${name}\\s+(?:to\\s+)?(.+)$`, 'i'),
  };
}

/** Typed text as Alexa would hear it: no wake word, single spaces, no final punctuation. */
function normalise(utterance: string): string {
  return utterance
    .trim()
    .replace(/^alexa\b[\s,]*/i, '')
    .replace(/[.!?,]+$/, '')
    .replace(/\s+/g, ' ');
}

/** Literal words of a sample as a regex: special characters escaped, any run of spaces allowed. */
function phrasePattern(phrase: string): string {
  return phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
}

function digitsOf(token: string): string {
  const index = DIGIT_WORDS.indexOf(token.toLowerCase());
  return index < 0 ? token : String(index);
}
