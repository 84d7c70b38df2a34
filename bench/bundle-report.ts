/** What a bundle is made of, from esbuild's metafile. Pure. */
import type { Metafile } from 'esbuild';

/** The npm package an input path belongs to (the innermost node_modules wins), or "(project)". */
export function packageOf(path: string): string {
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) return '(project)';
  const [scopeOrName = '', name] = path.slice(at + 'node_modules/'.length).split('/');
  return scopeOrName.startsWith('@') ? `${scopeOrName}/${name}` : scopeOrName;
}

/** Bytes in the output per package, largest first. */
export function largestPackages(metafile: Metafile, top = 6): { name: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const name = packageOf(path);
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, bytes]) => ({ name, bytes }));
}

/** The output files `from` loads before running: themselves and what they import statically, transitively (metafile paths). */
export function staticClosure(metafile: Metafile, from: string[]): Set<string> {
  const closure = new Set<string>();
  const visit = (path: string) => {
    if (closure.has(path)) return;
    closure.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  for (const path of from) visit(path);
  return closure;
}

/** The output file holding the entry point or the dynamically imported module whose source path ends with `source`. */
export function outputOf(metafile: Metafile, source: string): string | undefined {
  return Object.entries(metafile.outputs).find(([, output]) => output.entryPoint?.endsWith(source))?.[0];
}
