/**
 * Builds a function's dependencies on its first request and reuses them for the container's
 * life; a failed build (say, a Secrets Manager hiccup) is retried on the next request.
 */
export function oncePerContainer<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => {
    built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
}
