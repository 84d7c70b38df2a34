import type { Clock } from '../../functions/ports/clock';

/** A clock that moves only when told to. */
export class FakeClock implements Clock {
  constructor(private millis: number) {}

  now(): number {
    return this.millis;
  }

  advance(millis: number): void {
    this.millis += millis;
  }

  set(millis: number): void {
    this.millis = millis;
  }
}
