import type { LogFields, Logger } from '../../functions/ports/logger';

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields;
}

/** A logger for tests: keeps every line so a test can assert on it, prints nothing. */
export class CapturedLog implements Logger {
  readonly entries: LogEntry[] = [];

  info(message: string, fields: LogFields): void {
    this.entries.push({ level: 'info', message, fields });
  }

  warn(message: string, fields: LogFields): void {
    this.entries.push({ level: 'warn', message, fields });
  }

  error(message: string, fields: LogFields): void {
    this.entries.push({ level: 'error', message, fields });
  }

  /** Every line as the product would write it, for secret scans. */
  text(): string {
    return this.entries.map((entry) => JSON.stringify(entry)).join('\n');
  }

  errors(): LogEntry[] {
    return this.entries.filter((entry) => entry.level === 'error');
  }
}
