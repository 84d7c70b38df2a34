/**
 * Alexa request envelopes for local clients (the chat, tests). The shape lives in one
 * place, the reviewed fixtures under test/fixtures/alexa; this module only fills a fresh
 * copy of a fixture with the parts that change from request to request.
 */
import { randomUUID } from 'node:crypto';
import intentTemplate from '../../../test/fixtures/alexa/intent-request.json';
import launchTemplate from '../../../test/fixtures/alexa/launch-request.json';
import sessionEndedTemplate from '../../../test/fixtures/alexa/session-ended-request.json';

export const DEFAULT_SKILL_ID = 'amzn1.ask.skill.voicegate-local';

export interface EnvelopeOptions {
  /** The account-linking token; absent means "account not linked". */
  accessToken?: string;
  skillId?: string;
  /** ISO 8601; defaults to now. */
  timestamp?: string;
  sessionNew?: boolean;
  /** Keeps one Alexa session across turns; the fixture's id otherwise. */
  sessionId?: string;
  /** What the skill returned as sessionAttributes on the previous turn. */
  attributes?: Record<string, unknown>;
}

/** Spoken slot values by slot name; undefined is a slot the user left unfilled. */
export type SlotValues = Record<string, string | undefined>;

export interface AlexaSlot {
  name: string;
  value?: string;
  confirmationStatus: string;
  source?: string;
}

export interface AlexaIntent {
  name: string;
  confirmationStatus: string;
  slots?: Record<string, AlexaSlot>;
}

interface AlexaUser {
  userId: string;
  accessToken?: string;
}

export interface AlexaRequestEnvelope {
  version: string;
  session: {
    new: boolean;
    sessionId: string;
    application: { applicationId: string };
    attributes: Record<string, unknown>;
    user: AlexaUser;
  };
  context: {
    System: {
      application: { applicationId: string };
      user: AlexaUser;
      device: { deviceId: string; supportedInterfaces: Record<string, unknown> };
      apiEndpoint: string;
      apiAccessToken: string;
    };
  };
  request: {
    type: string;
    requestId: string;
    timestamp: string;
    locale: string;
    intent?: AlexaIntent;
    reason?: string;
  };
}

export function launchRequest(options: EnvelopeOptions = {}): AlexaRequestEnvelope {
  return fromTemplate(launchTemplate, options);
}

export function intentRequest(intentName: string, slots: SlotValues, options: EnvelopeOptions = {}): AlexaRequestEnvelope {
  const envelope = fromTemplate(intentTemplate, options);
  envelope.request.intent = { name: intentName, confirmationStatus: 'NONE', ...slotsOf(slots) };
  return envelope;
}

export function sessionEndedRequest(options: EnvelopeOptions = {}): AlexaRequestEnvelope {
  return fromTemplate(sessionEndedTemplate, options);
}

export function newSessionId(): string {
  return `amzn1.echo-api.session.${randomUUID()}`;
}

function fromTemplate(template: object, options: EnvelopeOptions): AlexaRequestEnvelope {
  const envelope = structuredClone(template) as AlexaRequestEnvelope;
  const { session, context, request } = envelope;
  const skillId = options.skillId ?? DEFAULT_SKILL_ID;
  session.application.applicationId = skillId;
  context.System.application.applicationId = skillId;
  session.new = options.sessionNew ?? session.new;
  session.sessionId = options.sessionId ?? session.sessionId;
  session.attributes = structuredClone(options.attributes ?? session.attributes);
  setAccessToken(envelope, options.accessToken);
  request.requestId = `amzn1.echo-api.request.${randomUUID()}`;
  request.timestamp = options.timestamp ?? alexaTimestamp(new Date());
  return envelope;
}

/** Alexa repeats the linked account's token in the session and in the context. */
function setAccessToken(envelope: AlexaRequestEnvelope, accessToken: string | undefined): void {
  for (const user of [envelope.session.user, envelope.context.System.user]) {
    if (accessToken === undefined) delete user.accessToken;
    else user.accessToken = accessToken;
  }
}

/** Alexa sends every slot of the intent; an unfilled one has a name but no value or source. */
function slotsOf(values: SlotValues): { slots?: Record<string, AlexaSlot> } {
  const entries = Object.entries(values);
  if (entries.length === 0) return {};
  const slots = entries.map(([name, value]): [string, AlexaSlot] =>
    value === undefined ? [name, { name, confirmationStatus: 'NONE' }] : [name, { name, value, confirmationStatus: 'NONE', source: 'USER' }],
  );
  return { slots: Object.fromEntries(slots) };
}

/** Alexa's timestamps have whole seconds: "2026-11-05T10:00:05Z". */
function alexaTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
