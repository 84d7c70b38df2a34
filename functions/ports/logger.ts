/** Fields of one structured log line; never a code, token or contact (S12). */
export type LogFields = Record<string, string | number | boolean | undefined>;

/**
 * Where the skill and the hosts write structured lines: Powertools' Logger on Lambda and in
 * `npm start`; tests inject one that captures, so expected errors are asserted, not printed.
 */
export interface Logger {
  info(message: string, fields: LogFields): void;
  warn(message: string, fields: LogFields): void;
  error(message: string, fields: LogFields): void;
}
