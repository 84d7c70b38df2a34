/** A synthesized CloudFormation template as the deployer reads it: resources in dependency order. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
}

export interface Template {
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<string, { Value: unknown; Description?: string }>;
}

export function readTemplate(cdkOut: string, stackName: string): Template {
  return JSON.parse(readFileSync(join(cdkOut, `${stackName}.template.json`), 'utf8')) as Template;
}

/** The logical ids a value refers to through Ref, Fn::GetAtt or Fn::Sub (pseudo parameters excluded). */
export function referencedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string' && !inner.startsWith('AWS::')) into.add(inner);
      else if (key === 'Fn::GetAtt') into.add(Array.isArray(inner) ? String(inner[0]) : splitReference(String(inner)).id);
      else if (key === 'Fn::Sub') subReferences(inner, into);
      else referencedIds(inner, into);
    }
  }
  return into;
}

function subReferences(sub: unknown, into: Set<string>): void {
  const [text, variables] = Array.isArray(sub) ? (sub as [string, Record<string, unknown>]) : [String(sub), {}];
  for (const [reference] of text.matchAll(/(?<=\$\{)[^!}][^}]*(?=\})/g)) {
    const { id } = splitReference(reference);
    if (!id.startsWith('AWS::') && !(id in variables)) into.add(id);
  }
  referencedIds(variables, into);
}

/** Logical ids so that every resource comes after the ones it refers to or depends on. */
export function deploymentOrder(template: Template): string[] {
  const { Resources } = template;
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new Error(`dependency cycle: ${[...path, id].join(' -> ')}`);
    const resource = Resources[id];
    if (!resource) throw new Error(`${path.at(-1)} refers to ${id}, which the template does not declare`);
    state.set(id, 'visiting');
    const dependsOn = [resource.DependsOn ?? []].flat();
    for (const dependency of [...dependsOn, ...referencedIds(resource.Properties)]) visit(dependency, [...path, id]);
    state.set(id, 'done');
    ordered.push(id);
  };
  for (const id of Object.keys(Resources)) visit(id, []);
  return ordered;
}

/** `Id.Attribute` (Fn::GetAtt's short form, and Fn::Sub's `${Id.Attribute}`) as its parts; a plain `Id` has no attribute. */
export function splitReference(reference: string): { id: string; attribute?: string } {
  const dot = reference.indexOf('.');
  return dot < 0 ? { id: reference } : { id: reference.slice(0, dot), attribute: reference.slice(dot + 1) };
}
