import { readFile } from 'node:fs/promises';
import type { Plugin } from 'esbuild';

/**
 * Lets esbuild drop the AWS SDK shapes a function never uses.
 *
 * The SDK's generated `schemas/schemas_0.js` (one per client) declares each shape as a plain
 * array, but member traits use computed keys such as `{ [_xN]: _dR }` whose key is a string
 * constant of that file. esbuild cannot prove a computed key side-effect free (it could call
 * toString), so it keeps every shape with one — for EC2, 550 KB of shapes for any single
 * command. Writing the constant's literal into the key (`{ ["xmlName"]: _dR }`) changes
 * nothing at run time and makes the shapes droppable.
 */
export const sdkSchemaKeysPlugin: Plugin = {
  name: 'voicegate-sdk-schema-keys',
  setup(build) {
    build.onLoad({ filter: /[\\/]@aws-sdk[\\/]client-[\w-]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, async ({ path }) => ({
      contents: inlineComputedKeys(await readFile(path, 'utf8')),
      loader: 'js',
    }));
  },
};

/** Replaces `[NAME]:` with `["value"]:` for every top-level `const NAME = "value";` of the file. */
export function inlineComputedKeys(source: string): string {
  const constants = new Map<string, string>();
  for (const [, name, literal] of source.matchAll(/^const (_\w+) = ("[^"\\\n]*");$/gm)) {
    if (name && literal) constants.set(name, literal);
  }
  return source.replace(/\[(_\w+)\]:/g, (key, name: string) => {
    const literal = constants.get(name);
    return literal === undefined ? key : `[${literal}]:`;
  });
}
