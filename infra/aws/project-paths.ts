import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: the nearest folder above this file holding package.json. Found by
 * walking up rather than by a fixed `..` count, so the same code works from the TypeScript
 * source (tsx, jest) and from any compiled output folder.
 */
export function projectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** A path inside the repository, e.g. `projectPath('functions', 'handlers', 'skill.ts')`. */
export function projectPath(...segments: string[]): string {
  return join(projectRoot(), ...segments);
}
