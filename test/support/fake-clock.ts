import { type Clock, systemClock } from '../../functions/ports/clock';

/** A clock that moves only when told to, or by as much as a sleeper waits on it. */
export class FakeClock implements Clock {
  constructor(private millis: number) {}

  now(): number {
    return this.millis;
  }

  /** Moves on by `millis` and yields as long in real time, so a stack or fake working alongside gets its turn. */
  async sleep(millis: number): Promise<void> {
    this.millis += millis;
    await systemClock.sleep(millis);
  }

  advance(millis: number): void {
    this.millis += millis;
  }

  set(millis: number): void {
    this.millis = millis;
  }
}
