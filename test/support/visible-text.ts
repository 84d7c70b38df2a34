/** Everything a log line built from an error could show: what must never hold a secret (S12). */
export function visibleText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause === undefined ? '' : visibleText(error.cause);
  return [String(error), error.stack, JSON.stringify(error), cause].join('\n');
}
