import { allocatorVariables } from '../../../bench/stack-client';

describe("the record of the stack process's allocator", () => {
  it('names every variable that chooses or tunes the C allocator, and nothing else', () => {
    const env = {
      PATH: '/usr/bin',
      MALLOC_ARENA_MAX: '1',
      LD_PRELOAD: '/usr/lib/libjemalloc.so.2',
      MALLOC_CONF: 'dirty_decay_ms:1000',
      GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=131072',
      LD_LIBRARY_PATH: '/opt',
    };

    expect(allocatorVariables(env)).toBe(
      'MALLOC_ARENA_MAX=1 LD_PRELOAD=/usr/lib/libjemalloc.so.2 MALLOC_CONF=dirty_decay_ms:1000 GLIBC_TUNABLES=glibc.malloc.trim_threshold=131072',
    );
  });

  it('says the defaults are in use when none is set', () => {
    expect(allocatorVariables({ PATH: '/usr/bin' })).toBe('(none: the C library defaults)');
  });
});
