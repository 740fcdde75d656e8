import { ukDate } from './scalars';

/**
 * The one clock: the time and today's date in the UK. Injected (createApp's options, then the
 * services and every request's context), so tests set it instead of sleeping or racing midnight.
 */
export interface Clock {
  now(): Date;
  /** Today as a calendar date (YYYY-MM-DD) in the UK, where the boards are. */
  today(): string;
}

export const systemClock: Clock = { now: () => new Date(), today: () => ukDate(new Date()) };

/** A clock that stands still until told: tests set or advance it. */
export class TestClock implements Clock {
  private at: number;
  constructor(start: Date = new Date()) {
    this.at = start.getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  today(): string {
    return ukDate(this.now());
  }
  set(to: Date): void {
    this.at = to.getTime();
  }
  advance(ms: number): void {
    this.at += ms;
  }
}
