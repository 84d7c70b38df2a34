import { MALLOC_SETTINGS, withMallocSettings } from '../../../infra/local/malloc-settings';

describe('the allocator settings npm start gives the stack', () => {
  it('adds one malloc arena to an environment without it, keeping everything else', () => {
    const env = withMallocSettings({ PATH: '/usr/bin', PORT: '3001' });

    expect(env).toEqual({ PATH: '/usr/bin', PORT: '3001', MALLOC_ARENA_MAX: '1' });
  });

  it("keeps the user's own value, and asks for no restart when nothing is missing", () => {
    expect(withMallocSettings({ MALLOC_ARENA_MAX: '4' })).toBeUndefined();
    expect(withMallocSettings({ ...MALLOC_SETTINGS })).toBeUndefined();
  });

  it('does not change the environment it was given', () => {
    const given = { PATH: '/usr/bin' };

    withMallocSettings(given);

    expect(given).toEqual({ PATH: '/usr/bin' });
  });
});
