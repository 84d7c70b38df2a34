/**
 * The cost model: what one confirmed command uses on AWS (counted from a real local
 * execution) times list prices kept as data in bench/prices.json. Pure functions only.
 */
import type { StoreCall } from './host-protocol';

export interface PriceEntry {
  usd: number;
  unit: string;
  source: string;
  note?: string;
}

export interface Prices {
  region: string;
  currency: 'USD';
  asOf: string;
  status: string;
  aws: {
    stepFunctionsStandardPerStateTransition: PriceEntry;
    lambdaPerRequest: PriceEntry;
    lambdaArm64PerGbSecond: PriceEntry;
    dynamodbOnDemandPerWriteRequestUnit: PriceEntry;
    dynamodbOnDemandPerReadRequestUnit: PriceEntry;
    eventBridgePerCustomEvent: PriceEntry;
    snsSmsUsPerMessagePart: PriceEntry;
    snsSmsUsCarrierFeePerMessagePart: PriceEntry;
    sesPerEmail: PriceEntry;
  };
  paidVerification: {
    name: string;
    perSuccessfulVerification: PriceEntry;
    smsChannelFeePerMessage: PriceEntry;
  };
}

/** What the model assumes where the local run cannot tell. */
export interface CostAssumptions {
  /** Memory size of every function (memorySize in infra/aws/constructs/voicegate-function.ts). */
  lambdaMemoryMb: number;
  /**
   * Step Functions task tokens are opaque and far longer than the local runner's 64
   * characters; items that store one are sized as if it had this many bytes.
   */
  awsTaskTokenBytes: number;
}

export const DEFAULT_ASSUMPTIONS: CostAssumptions = { lambdaMemoryMb: 512, awsTaskTokenBytes: 1024 };

const READS = new Set(['GetCommand', 'BatchGetCommand', 'QueryCommand', 'ScanCommand']);
const WRITES = new Set(['PutCommand', 'UpdateCommand', 'DeleteCommand']);

/** DynamoDB's on-demand request units of one call: reads per 4 KB (half if eventually consistent), writes per 1 KB. */
export function requestUnits(call: Pick<StoreCall, 'command' | 'consistentRead' | 'itemBytes'>): { read: number; write: number } {
  const sizes = call.itemBytes.length > 0 ? call.itemBytes : [0];
  if (READS.has(call.command)) {
    const perItem = sizes.map((bytes) => Math.max(1, Math.ceil(bytes / 4096)) * (call.consistentRead ? 1 : 0.5));
    return { read: perItem.reduce((a, b) => a + b, 0), write: 0 };
  }
  if (WRITES.has(call.command)) {
    return { read: 0, write: sizes.map((bytes) => Math.max(1, Math.ceil(bytes / 1024))).reduce((a, b) => a + b, 0) };
  }
  return { read: 0, write: 0 };
}

/**
 * An item's size as DynamoDB counts it, closely enough for billing: attribute names and
 * string bytes (UTF-8), numbers by digits, 1 byte for booleans and null, 3 bytes plus
 * 1 per element for lists and maps.
 */
export function dynamoItemBytes(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((total, [name, value]) => total + utf8(name) + valueBytes(value), 0);
}

function valueBytes(value: unknown): number {
  if (value === undefined) return 0;
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value).replace(/^-/, '').replace('.', '').replace(/^0+/, '').length || 1;
    return Math.ceil(digits / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((total: number, v) => total + valueBytes(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((total: number, v) => total + 1 + valueBytes(v), 0);
  if (typeof value === 'object') {
    return 3 + Object.entries(value as Record<string, unknown>).reduce((total, [k, v]) => total + 1 + utf8(k) + valueBytes(v), 0);
  }
  return 0;
}

function utf8(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** How many SMS parts a text is billed as: 160 GSM-7 characters (153 per part when split), else 70 UCS-2 (67). */
export function smsParts(text: string): number {
  let septets = 0;
  let gsm = true;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENDED.includes(char)) septets += 2;
    else gsm = false;
  }
  if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  const units = text.length; // UTF-16 code units: a character beyond U+FFFF takes two
  return units <= 70 ? 1 : Math.ceil(units / 67);
}

/** What one confirmed command uses on AWS, averaged over the counted runs. */
export interface ConfirmationUsage {
  /** Runs averaged. */
  runs: number;
  /** States entered by the execution (what Step Functions Standard bills), retries included. */
  stateTransitions: number;
  /** Per function: invocations per confirmed command and mean measured duration. */
  lambda: { name: string; invocations: number; meanMs: number }[];
  dynamodb: { calls: number; readUnits: number; writeUnits: number; byTable: Record<string, { calls: number; readUnits: number; writeUnits: number }> };
  /** Audit events published (EventBridge custom events). */
  events: number;
  sms: { messages: number; parts: number };
  emails: number;
}

export interface CostLine {
  item: string;
  quantityPer1000: number;
  unit: string;
  usdPer1000: number;
}

export interface CostEstimate {
  lines: CostLine[];
  /** Per 1,000 confirmed commands, everything but the SMS. */
  usdPer1000ExcludingSms: number;
  usdPer1000IncludingSms: number;
  paidVerification: { name: string; usdPer1000: number; perVerification: number };
  /** A Lambda with a PIN table: modeled, not measured (see HAND_ROLLED). */
  handRolled: { usdPer1000ExcludingSms: number; usdPer1000IncludingSms: number; model: string };
}

/**
 * The "hand-rolled Lambda with a PIN table" alternative, as a model: one function call to
 * send the PIN and one to check it, each at the measured skill-request duration; one PIN
 * put, one consistent read, one conditional consume; one SMS; no workflow and no audit.
 */
export const HAND_ROLLED = { invocations: 2, readUnits: 1, writeUnits: 2, smsParts: 1 } as const;

export function estimateCost(usage: ConfirmationUsage, prices: Prices, assumptions: CostAssumptions = DEFAULT_ASSUMPTIONS): CostEstimate {
  const p = prices.aws;
  const gb = assumptions.lambdaMemoryMb / 1024;
  const invocations = usage.lambda.reduce((total, fn) => total + fn.invocations, 0);
  // Lambda bills duration rounded up to the millisecond.
  const gbSeconds = usage.lambda.reduce((total, fn) => total + fn.invocations * (Math.ceil(fn.meanMs) / 1000) * gb, 0);
  const k = 1000;
  const line = (item: string, quantity: number, unit: string, price: PriceEntry): CostLine => ({
    item,
    quantityPer1000: roundTo(quantity * k, 4),
    unit,
    usdPer1000: quantity * k * price.usd,
  });
  const lines = [
    line('Step Functions Standard', usage.stateTransitions, 'state transitions', p.stepFunctionsStandardPerStateTransition),
    line('Lambda requests', invocations, 'invocations', p.lambdaPerRequest),
    line(`Lambda duration (arm64, ${assumptions.lambdaMemoryMb} MB)`, gbSeconds, 'GB-seconds', p.lambdaArm64PerGbSecond),
    line('DynamoDB on-demand reads', usage.dynamodb.readUnits, 'read request units', p.dynamodbOnDemandPerReadRequestUnit),
    line('DynamoDB on-demand writes', usage.dynamodb.writeUnits, 'write request units', p.dynamodbOnDemandPerWriteRequestUnit),
    line('EventBridge audit events', usage.events, 'custom events', p.eventBridgePerCustomEvent),
    line('SES e-mail', usage.emails, 'e-mails', p.sesPerEmail),
    line('SNS SMS (US, base)', usage.sms.parts, 'message parts', p.snsSmsUsPerMessagePart),
    line('SNS SMS (US, carrier fee)', usage.sms.parts, 'message parts', p.snsSmsUsCarrierFeePerMessagePart),
  ];
  const isSms = (l: CostLine) => l.item.startsWith('SNS SMS');
  const excluding = sum(lines.filter((l) => !isSms(l)).map((l) => l.usdPer1000));
  const including = sum(lines.map((l) => l.usdPer1000));
  const verify = prices.paidVerification;
  const perVerification = verify.perSuccessfulVerification.usd + verify.smsChannelFeePerMessage.usd * Math.max(1, usage.sms.parts);
  const skill = usage.lambda.find((fn) => fn.name === 'skill');
  const handRolledMs = skill?.meanMs ?? 0;
  const handRolledExcluding =
    k *
    (HAND_ROLLED.invocations * p.lambdaPerRequest.usd +
      HAND_ROLLED.invocations * (Math.ceil(handRolledMs) / 1000) * gb * p.lambdaArm64PerGbSecond.usd +
      HAND_ROLLED.readUnits * p.dynamodbOnDemandPerReadRequestUnit.usd +
      HAND_ROLLED.writeUnits * p.dynamodbOnDemandPerWriteRequestUnit.usd);
  const smsPerMessage = HAND_ROLLED.smsParts * (p.snsSmsUsPerMessagePart.usd + p.snsSmsUsCarrierFeePerMessagePart.usd);
  return {
    lines: lines.map((l) => ({ ...l, usdPer1000: roundTo(l.usdPer1000, 6) })),
    usdPer1000ExcludingSms: roundTo(excluding, 4),
    usdPer1000IncludingSms: roundTo(including, 4),
    paidVerification: { name: verify.name, perVerification: roundTo(perVerification, 4), usdPer1000: roundTo(perVerification * k, 2) },
    handRolled: {
      usdPer1000ExcludingSms: roundTo(handRolledExcluding, 4),
      usdPer1000IncludingSms: roundTo(handRolledExcluding + smsPerMessage * k, 4),
      model: `${HAND_ROLLED.invocations} invocations of ${Math.ceil(handRolledMs)} ms, ${HAND_ROLLED.readUnits} RRU + ${HAND_ROLLED.writeUnits} WRU, ${HAND_ROLLED.smsParts} SMS, no workflow or audit`,
    },
  };
}

/**
 * Sums the recorded store calls on the tables DynamoDB holds on AWS; calls on local-only
 * tables (outbox, audit, executions, task tokens, fleet) stand for other services there.
 */
export function dynamoUsage(calls: readonly StoreCall[], awsTables: ReadonlySet<string>, runs: number): ConfirmationUsage['dynamodb'] {
  const byTable: ConfirmationUsage['dynamodb']['byTable'] = {};
  let readUnits = 0;
  let writeUnits = 0;
  let count = 0;
  for (const call of calls) {
    if (!awsTables.has(call.table)) continue;
    const units = requestUnits(call);
    const entry = byTable[call.table] ?? { calls: 0, readUnits: 0, writeUnits: 0 };
    byTable[call.table] = entry;
    entry.calls += 1 / runs;
    entry.readUnits += units.read / runs;
    entry.writeUnits += units.write / runs;
    readUnits += units.read / runs;
    writeUnits += units.write / runs;
    count += 1 / runs;
  }
  for (const entry of Object.values(byTable)) {
    entry.calls = roundTo(entry.calls, 2);
    entry.readUnits = roundTo(entry.readUnits, 2);
    entry.writeUnits = roundTo(entry.writeUnits, 2);
  }
  return { calls: roundTo(count, 2), readUnits: roundTo(readUnits, 2), writeUnits: roundTo(writeUnits, 2), byTable };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
