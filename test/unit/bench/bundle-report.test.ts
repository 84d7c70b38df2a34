import type { Metafile } from 'esbuild';
import { largestPackages, packageOf } from '../../../bench/bundle-report';

describe('what a bundle is made of', () => {
  it('names the innermost npm package of an input, scoped or not', () => {
    expect(packageOf('node_modules/@aws-sdk/client-ec2/dist-es/index.js')).toBe('@aws-sdk/client-ec2');
    expect(packageOf('node_modules/a/node_modules/tslib/tslib.es6.mjs')).toBe('tslib');
    expect(packageOf('functions/handlers/skill.ts')).toBe('(project)');
  });

  it('adds up bytes per package, largest first', () => {
    const metafile = {
      inputs: {},
      outputs: {
        'out.js': {
          bytes: 0,
          imports: [],
          exports: [],
          inputs: {
            'node_modules/@smithy/core/a.js': { bytesInOutput: 10 },
            'node_modules/@smithy/core/b.js': { bytesInOutput: 15 },
            'node_modules/@aws-sdk/client-ec2/c.js': { bytesInOutput: 40 },
            'functions/x.ts': { bytesInOutput: 5 },
          },
        },
      },
    } as unknown as Metafile;

    expect(largestPackages(metafile, 2)).toEqual([
      { name: '@aws-sdk/client-ec2', bytes: 40 },
      { name: '@smithy/core', bytes: 25 },
    ]);
  });
});
