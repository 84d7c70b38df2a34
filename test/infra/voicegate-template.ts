/** Builds the VoiceGate app as cdk.json configures it, once per test file, without bundling. */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { projectPath } from '../../infra/aws/project-paths';
import { addVoiceGate } from '../../infra/aws/voicegate-app';
import type { VoiceGateStack } from '../../infra/aws/voicegate-stack';

/** Settings a real deployment would pass with `-c`, so assertions see values that are not the placeholders. */
export const TEST_SETTINGS = {
  'voicegate:skillId': 'amzn1.ask.skill.12345678-90ab-cdef-1234-567890abcdef',
  'voicegate:sesFromAddress': 'codes@mail.example.org',
  'voicegate:smsSenderId': 'VoiceGate',
  'voicegate:alexaRedirectUrls': 'https://pitangui.amazon.com/api/skill/link/M2ABCDEF,https://layla.amazon.com/api/skill/link/M2ABCDEF',
  'voicegate:authDomainPrefix': 'voicegate-test',
  'voicegate:codeTtlSeconds': '240',
  'voicegate:alarmEmail': 'ops@example.org',
};

export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(projectPath('cdk.json'), 'utf8')).context;
}

export interface SynthesizedVoiceGate {
  app: App;
  stack: VoiceGateStack;
  template: Template;
}

/**
 * The template as `cdk synth` makes it, minus the esbuild bundles (`aws:cdk:bundling-stacks`
 * empty): the synth-cli test bundles for real, once.
 */
export function synthesizeVoiceGate(context: Record<string, unknown> = TEST_SETTINGS): SynthesizedVoiceGate {
  const app = new App({ context: { ...cdkJsonContext(), ...context, 'aws:cdk:bundling-stacks': [] } });
  const stack = addVoiceGate(app);
  return { app, stack, template: Template.fromStack(stack) };
}

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON; the tests' expectations check its shape
export type Resource = { Type: string; Properties: Record<string, any> };

/** The one resource of a type; fails when there are none or several. */
export function onlyResource(template: Template, type: string): Resource {
  const found = Object.values(template.findResources(type)) as Resource[];
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0]!;
}

/**
 * Flattens CloudFormation values to text for reading: Fn::Join is joined, and any other
 * intrinsic (Ref, Fn::GetAtt, ...) becomes `<Ref:LogicalId>` / `<GetAtt:LogicalId.Attr>`.
 */
export function asText(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const intrinsic = value as Record<string, unknown>;
  if (intrinsic['Fn::Join']) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map(asText).join(separator);
  }
  if (intrinsic.Ref) return `<Ref:${intrinsic.Ref}>`;
  if (intrinsic['Fn::GetAtt']) return `<GetAtt:${(intrinsic['Fn::GetAtt'] as string[]).join('.')}>`;
  throw new Error(`cannot read ${JSON.stringify(value)} as text`);
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

/** Every statement a role holds: inline in the role, and in each policy attached to it. */
export function roleStatements(template: Template, roleLogicalId: string): Statement[] {
  const role = template.toJSON().Resources[roleLogicalId] as Resource;
  const inline = ((role.Properties.Policies ?? []) as { PolicyDocument: { Statement: Statement[] } }[]).flatMap((policy) => policy.PolicyDocument.Statement);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
  const attached = policies
    .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((ref) => ref.Ref === roleLogicalId))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
  return [...inline, ...attached];
}

export const actionsOf = (statement: Statement): string[] => [statement.Action].flat();
