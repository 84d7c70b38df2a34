import type { Metafile } from 'esbuild';
import { largestPackages, outputOf, packageOf, staticClosure } from '../../../bench/bundle-report';

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

  describe('a split bundle', () => {
    const output = (imports: { path: string; kind: string; external?: boolean }[], entryPoint?: string) => ({
      bytes: 1,
      inputs: {},
      exports: [],
      imports,
      ...(entryPoint && { entryPoint }),
    });
    const metafile = {
      inputs: {},
      outputs: {
        'out/index.mjs': output(
          [
            { path: 'out/chunks/core.mjs', kind: 'import-statement' },
            { path: 'out/chunks/ec2.mjs', kind: 'dynamic-import' },
            { path: 'node:module', kind: 'import-statement', external: true },
          ],
          'functions/handlers/perform-action.ts',
        ),
        'out/chunks/core.mjs': output([{ path: 'out/chunks/shared.mjs', kind: 'import-statement' }]),
        'out/chunks/shared.mjs': output([{ path: 'out/chunks/core.mjs', kind: 'import-statement' }]),
        'out/chunks/ec2.mjs': output([{ path: 'out/chunks/shared.mjs', kind: 'import-statement' }], 'functions/wiring/on-demand/ec2-instances.ts'),
      },
    } as unknown as Metafile;

    it('loads with the handler file what it imports statically, transitively, and not what it imports on demand', () => {
      expect([...staticClosure(metafile, ['out/index.mjs'])].sort()).toEqual(['out/chunks/core.mjs', 'out/chunks/shared.mjs', 'out/index.mjs']);
      expect([...staticClosure(metafile, ['out/chunks/ec2.mjs'])].sort()).toEqual(['out/chunks/core.mjs', 'out/chunks/ec2.mjs', 'out/chunks/shared.mjs']);
    });

    it('finds the file an entry point or an on-demand module was built into', () => {
      expect(outputOf(metafile, 'on-demand/ec2-instances.ts')).toBe('out/chunks/ec2.mjs');
      expect(outputOf(metafile, 'handlers/perform-action.ts')).toBe('out/index.mjs');
      expect(outputOf(metafile, 'on-demand/sfn-workflow.ts')).toBeUndefined();
    });
  });
});
