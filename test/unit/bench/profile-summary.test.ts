import { bucketOf, summarizeProfile, type CpuProfile } from '../../../bench/profile-summary';

describe('CPU profile summary', () => {
  it('puts each frame in a package, a node module, a V8 pseudo-frame or a project folder', () => {
    expect(bucketOf('file:///w/node_modules/@smithy/core/dist-cjs/index.js', 'f')).toBe('@smithy/core');
    expect(bucketOf('file:///w/node_modules/dynalite/db/index.js', 'f')).toBe('dynalite');
    expect(bucketOf('node:internal/streams/readable', 'f')).toBe('node:internal');
    expect(bucketOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(bucketOf('', 'writev')).toBe('(native)');
    expect(bucketOf('file:///w/infra/local/workflow/engine.ts', 'run')).toBe('(project) infra/local');
  });

  it('adds self time per package and per function, largest first', () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: { functionName: '(root)', url: '', lineNumber: -1 }, children: [2, 3] },
        { id: 2, callFrame: { functionName: 'get', url: 'file:///w/node_modules/dynalite/x.js', lineNumber: 9 } },
        { id: 3, callFrame: { functionName: 'send', url: 'file:///w/node_modules/@smithy/core/y.js', lineNumber: 0 } },
      ],
      samples: [2, 3, 2, 2],
      timeDeltas: [1000, 1000, 1000, 1000],
      startTime: 0,
      endTime: 4000,
    };

    const summary = summarizeProfile(profile);

    expect(summary.totalMs).toBe(4);
    expect(summary.byPackage).toEqual([
      { name: 'dynalite', ms: 3, share: 75 },
      { name: '@smithy/core', ms: 1, share: 25 },
    ]);
    expect(summary.topFunctions[0]).toEqual({ name: 'get', where: 'dynalite:10', ms: 3, share: 75 });
  });
});
