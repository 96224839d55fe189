import { Injectable } from '@nestjs/common';

/**
 * The one source of "now" for rules that depend on time (lockout windows, session timeouts,
 * follow-up schedules). Tests replace it with a clock they can move.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

export class FakeClock extends Clock {
  constructor(private current = new Date('2026-06-01T08:00:00Z')) {
    super();
  }
  override now(): Date {
    return new Date(this.current);
  }
  set(date: Date | string): void {
    this.current = new Date(date);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
