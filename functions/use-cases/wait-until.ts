/**
 * Polls `probe` with a growing interval (up to `maxIntervalMs`) until it returns a value or
 * `timeoutMs` passes. The default cap is short because the user is waiting for the answer;
 * each probe is one or two small reads.
 */
export async function waitUntil<T>(probe: () => Promise<T | undefined>, timeoutMs: number, maxIntervalMs = 10): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  let intervalMs = 1;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() + intervalMs > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    intervalMs = Math.min(intervalMs * 2, maxIntervalMs);
  }
}
