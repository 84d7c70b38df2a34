/** The whole numbers a setting may take, both ends included. */
export interface WholeRange {
  min: number;
  max: number;
}

/**
 * The one reader for numeric settings (environment variables, and the flags that stand in
 * for them): undefined when unset or empty, otherwise a whole number within `range`, or an
 * error that names the setting, the range and what was given.
 */
export function wholeNumberSetting(name: string, raw: string | undefined, { min, max }: WholeRange): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return value;
}
