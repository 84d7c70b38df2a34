/** What a bundle is made of, from esbuild's metafile. Pure. */
import type { Metafile } from 'esbuild';

/** Bytes in the output per npm package (or "(project)" for our own code). */
export function largestPackages(metafile: Metafile, top = 6): { name: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path.split('node_modules/').length > 2 ? path.slice(path.lastIndexOf('node_modules/')) : path);
      const name = match?.[1] ?? '(project)';
      totals.set(name, (totals.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, bytes]) => ({ name, bytes }));
}
