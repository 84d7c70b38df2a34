/** What the AWS API calls counted at the emulator's endpoint say about one confirmed command. Pure. */
import type { ApiCall } from '../infra/emulator/api-call-log';

export interface AnswerCalls {
  /** Calls made while the answer was being prepared, by every caller but Alexa. */
  calls: number;
  /** The longest run of calls that happened one after another: round trips the answer waited for in turn. */
  sequential: number;
  /** The skill function's own calls, and how many of them were in sequence. */
  skillCalls: number;
  skillSequential: number;
  /** The skill's Step Functions reads (DescribeExecution, GetExecutionHistory) while it waited for the outcome. */
  stepFunctionsPolls: number;
  /** The skill's DynamoDB reads of the challenge while it waited. */
  storePolls: number;
}

const POLL_OPERATIONS = new Set(['DescribeExecution', 'GetExecutionHistory']);

/** Calls per caller and service, e.g. `{ "skill dynamodb": 5, "issue-challenge sns": 1 }`. */
export function callsByCallerAndService(calls: ApiCall[], label: (caller: string) => string | undefined): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) {
    const caller = label(call.caller);
    if (!caller) continue;
    const key = `${caller} ${call.service}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

export function answerCalls(calls: ApiCall[], window: { from: number; to: number }, label: (caller: string) => string | undefined): AnswerCalls {
  const inWindow = calls.filter((call) => call.startedAt >= window.from && call.endedAt <= window.to && label(call.caller) !== undefined);
  const skill = inWindow.filter((call) => label(call.caller) === 'skill');
  return {
    calls: inWindow.length,
    sequential: longestSequence(inWindow),
    skillCalls: skill.length,
    skillSequential: longestSequence(skill),
    stepFunctionsPolls: skill.filter((call) => POLL_OPERATIONS.has(call.operation)).length,
    storePolls: skill.filter((call) => call.service === 'dynamodb' && call.operation === 'GetItem').length,
  };
}

/** The most calls that do not overlap in time (earliest end first), i.e. made one after another. */
export function longestSequence(calls: ApiCall[]): number {
  let count = 0;
  let freeAt = -Infinity;
  for (const call of [...calls].sort((a, b) => a.endedAt - b.endedAt)) {
    if (call.startedAt >= freeAt) {
      count++;
      freeAt = call.endedAt;
    }
  }
  return count;
}
