import { HttpErrorResponse } from '@angular/common/http';

/** Network failures, timeouts and server errors are worth another try; anything else is an answer. */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse)) return true;
  return error.status === 0 || error.status === 408 || error.status >= 500;
}

/** 1 s, 2 s, 4 s … up to 30 s between tries. */
export function backoffMs(attempt: number, maxMs = 30_000): number {
  return Math.min(maxMs, 1000 * 2 ** Math.max(0, attempt - 1));
}

export interface RetryOptions {
  /** Waits between tries (replaced in tests). */
  delay?: (ms: number) => Promise<void>;
  /** Called before each try with its number (1, 2, …) and the error of the try before, if any. */
  onAttempt?: (attempt: number, previousError: unknown) => void;
  /** Stop retrying (e.g. the page was left). */
  signal?: AbortSignal;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends until an answer comes: retries network failures and 5xx with growing pauses, and gives up
 * only on a real answer (success or a 4xx that retrying cannot change) or when aborted.
 */
export async function sendUntilAnswered<T>(
  send: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const delay = options.delay ?? sleep;
  let previousError: unknown = undefined;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw previousError ?? new Error('aborted');
    options.onAttempt?.(attempt, previousError);
    try {
      return await send(attempt);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      previousError = error;
      await delay(backoffMs(attempt));
    }
  }
}

/**
 * One report = one Idempotency-Key: made when the report is first sent and reused for every retry,
 * so the server stores it once however often the phone has to try. A refusal (4xx) means nothing
 * was stored; the corrected report is a new one and gets a new key. After success it is forgotten.
 */
export class IdempotencyKeyHolder {
  private key: string | null = null;

  constructor(
    private readonly newKey: () => string = () => crypto.randomUUID(),
  ) {}

  current(): string {
    this.key ??= this.newKey();
    return this.key;
  }

  /** The report was stored, or refused: the next one is a different report. */
  finish(): void {
    this.key = null;
  }
}
