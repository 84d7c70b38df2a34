/**
 * Evaluates an AWS IoT policy document the way AWS IoT Core does, for the parts VoiceGate's
 * thing policy uses: Allow/Deny statements, `*`/`?` wildcards in actions and resources,
 * `${...}` policy variables, and Bool / StringEquals conditions. A statement naming a
 * variable that has no value does not apply; anything not allowed is denied.
 */
import type { PolicyDocument, PolicyStatement } from '../../../../functions/domain/thing-policy';

/** Policy variables and condition keys by name, e.g. `iot:ClientId`; absent when unresolved. */
export type PolicyContext = Record<string, string | boolean | undefined>;

export function isAllowed(document: PolicyDocument, action: string, resource: string, context: PolicyContext): boolean {
  const applying = document.Statement.filter((statement) => applies(statement, action, resource, context));
  return applying.some((statement) => statement.Effect === 'Allow') && !applying.some((statement) => statement.Effect === 'Deny');
}

function applies(statement: PolicyStatement, action: string, resource: string, context: PolicyContext): boolean {
  const actions = [statement.Action].flat();
  if (!actions.some((pattern) => wildcardMatch(pattern, action))) return false;
  const resources = [statement.Resource].flat().map((pattern) => substitute(pattern, context));
  if (!resources.some((pattern) => pattern !== undefined && wildcardMatch(pattern, resource))) return false;
  return conditionsHold(statement.Condition ?? {}, context);
}

function conditionsHold(conditions: NonNullable<PolicyStatement['Condition']>, context: PolicyContext): boolean {
  return Object.entries(conditions).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = context[key];
      const wanted = [expected].flat().map((value) => substitute(value, context));
      if (operator === 'Bool') return wanted.includes(String(actual === true));
      if (operator === 'StringEquals') return typeof actual === 'string' && wanted.includes(actual);
      return false; // an operator this evaluator does not know never grants anything
    }),
  );
}

/** Replaces `${name}` with the context's value; undefined when a variable has none. */
function substitute(pattern: string, context: PolicyContext): string | undefined {
  let unresolved = false;
  const text = pattern.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    const value = context[name];
    if (typeof value !== 'string' || value === '') unresolved = true;
    // A value is matched literally: a thing name can never smuggle in a wildcard.
    return typeof value === 'string' ? value.replace(/[*?]/g, (c) => `\u0000${c}`) : '';
  });
  return unresolved ? undefined : text;
}

/** IAM-style matching: `*` any run of characters (including `/`), `?` one character. */
function wildcardMatch(pattern: string, value: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '\u0000') source += escapeRegExp(pattern.charAt(++i));
    else if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 's').test(value);
}

function escapeRegExp(character: string): string {
  return character.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
