import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StateMachineDefinition } from 'aws-local-stepfunctions';

/** The one workflow definition, shared with the CDK stack. */
export const CONFIRM_COMMAND_ASL = join(__dirname, '..', '..', '..', 'statemachines', 'confirm-command.asl.json');

/**
 * Fills `${Name}` placeholders the way CDK's definitionSubstitutions does (plain text
 * replacement), then parses. Every placeholder must be given a value.
 */
export function loadDefinition(path: string, substitutions: Record<string, string | number>): StateMachineDefinition {
  const text = readFileSync(path, 'utf8').replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const value = substitutions[name];
    if (value === undefined) throw new Error(`${path}: no substitution given for \${${name}}`);
    return String(value);
  });
  return JSON.parse(text) as StateMachineDefinition;
}
