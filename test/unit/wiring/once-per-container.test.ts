import { oncePerContainer } from '../../../functions/wiring/once-per-container';

describe('oncePerContainer', () => {
  it('builds once and hands every request the same dependencies', async () => {
    let builds = 0;
    const deps = oncePerContainer(async () => ({ build: ++builds }));
    const [first, second] = await Promise.all([deps(), deps()]);
    expect(await deps()).toBe(first);
    expect(second).toBe(first);
    expect(builds).toBe(1);
  });

  it('retries a failed build on the next request instead of failing the container for good', async () => {
    let attempts = 0;
    const deps = oncePerContainer(async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('Secrets Manager was unavailable');
      return 'ready';
    });
    await expect(deps()).rejects.toThrow('Secrets Manager was unavailable');
    await expect(deps()).resolves.toBe('ready');
    expect(attempts).toBe(2);
  });
});
