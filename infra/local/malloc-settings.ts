/**
 * The C allocator settings the local stack runs with (`npm start`, and the soak's stack, so
 * the soak measures what users run).
 *
 * Why: with glibc's default of an arena per thread that allocates (LevelDB's compaction
 * thread, libuv's pool running the store's reads and writes), each arena keeps the pages its
 * thread once held: in the soak they kept growing (~0.55 KB per confirmation from 5,000 to
 * 10,000) while the live allocations stayed flat. With one arena every thread reuses the same
 * free memory: malloc's memory measured flat over the last 5,000, at no measurable cost in
 * throughput (bench/README.md, "Soak"). glibc reads these variables only when a process
 * starts, so they must be in the environment before Node starts; other C libraries (musl,
 * macOS, Windows) ignore them.
 */
export const MALLOC_SETTINGS: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '1',
};

/**
 * The environment with every allocator setting the user has not set themselves (theirs win),
 * or undefined when nothing is missing.
 */
export function withMallocSettings(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv | undefined {
  const missing = Object.entries(MALLOC_SETTINGS).filter(([name]) => env[name] === undefined);
  return missing.length === 0 ? undefined : { ...env, ...Object.fromEntries(missing) };
}
