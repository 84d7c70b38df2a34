/** CloudFormation's intrinsic functions, resolved against what the deployer has created so far. */
import { splitReference } from './template';

export interface Resolver {
  /** Pseudo parameters: AWS::Region, AWS::AccountId, AWS::Partition, AWS::URLSuffix, AWS::StackName. */
  pseudo: Record<string, string>;
  ref(logicalId: string): string;
  getAtt(logicalId: string, attribute: string): string;
}

/** Marks a property removed with `{"Ref": "AWS::NoValue"}`. */
const NO_VALUE = Symbol('AWS::NoValue');

export function resolve(value: unknown, resolver: Resolver): unknown {
  const resolved = resolveValue(value, resolver);
  return resolved === NO_VALUE ? undefined : resolved;
}

function resolveValue(value: unknown, resolver: Resolver): unknown {
  if (Array.isArray(value)) return value.map((item) => resolveValue(item, resolver)).filter((item) => item !== NO_VALUE);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  const [key, argument] = entries[0] ?? [];
  if (entries.length === 1 && key && (key === 'Ref' || key.startsWith('Fn::'))) return intrinsic(key, argument, resolver);
  const result: Record<string, unknown> = {};
  for (const [name, inner] of entries) {
    const resolvedInner = resolveValue(inner, resolver);
    if (resolvedInner !== NO_VALUE) result[name] = resolvedInner;
  }
  return result;
}

function intrinsic(name: string, argument: unknown, resolver: Resolver): unknown {
  const text = (inner: unknown) => String(resolveValue(inner, resolver));
  switch (name) {
    case 'Ref':
      return refOf(String(argument), resolver);
    case 'Fn::GetAtt': {
      const { id, attribute } = Array.isArray(argument)
        ? { id: String(argument[0]), attribute: argument[1] && String(argument[1]) }
        : splitReference(String(argument));
      if (!attribute) throw new Error(`Fn::GetAtt needs a logical id and an attribute, got ${JSON.stringify(argument)}`);
      return resolver.getAtt(id, attribute);
    }
    case 'Fn::Join': {
      const [separator, parts] = argument as [string, unknown[]];
      return (resolveValue(parts, resolver) as unknown[]).join(separator);
    }
    case 'Fn::Sub':
      return substitute(argument, resolver);
    case 'Fn::Select': {
      const [index, list] = argument as [unknown, unknown];
      return (resolveValue(list, resolver) as unknown[])[Number(text(index))];
    }
    case 'Fn::Split': {
      const [separator, source] = argument as [string, unknown];
      return text(source).split(separator);
    }
    default:
      throw new Error(`the emulator's deployer does not resolve ${name}`);
  }
}

function refOf(id: string, resolver: Resolver): unknown {
  if (id === 'AWS::NoValue') return NO_VALUE;
  if (id.startsWith('AWS::')) {
    const value = resolver.pseudo[id];
    if (value === undefined) throw new Error(`no value for the pseudo parameter ${id}`);
    return value;
  }
  return resolver.ref(id);
}

function substitute(argument: unknown, resolver: Resolver): string {
  const [template, variables] = Array.isArray(argument) ? (argument as [string, Record<string, unknown>]) : [String(argument), {}];
  return template.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (name in variables) return String(resolveValue(variables[name], resolver));
    const { id, attribute } = splitReference(name);
    return String(attribute ? resolver.getAtt(id, attribute) : refOf(id, resolver));
  });
}
