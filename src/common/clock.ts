/** The time, injected where a rule depends on it (sign-in throttling), so tests move it instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until told: tests set or advance it. */
export class TestClock implements Clock {
  private at: number;
  constructor(start: Date = new Date()) {
    this.at = start.getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  set(to: Date): void {
    this.at = to.getTime();
  }
  advance(ms: number): void {
    this.at += ms;
  }
}
