import { HttpErrorResponse } from '@angular/common/http';
import {
  IdempotencyKeyHolder,
  backoffMs,
  isRetryable,
  sendUntilAnswered,
} from './submit-with-retry';
import { fitWithin } from './downscale';

const offline = () => new HttpErrorResponse({ status: 0 });
const serverError = () => new HttpErrorResponse({ status: 503 });
const refused = () =>
  new HttpErrorResponse({ status: 400, error: { code: 'VALIDATION_FAILED' } });

describe('sendUntilAnswered', () => {
  it('retries network failures and server errors with the same key until an answer comes', async () => {
    const keys = new IdempotencyKeyHolder(() => `key-${Math.random()}`);
    const sentWith: string[] = [];
    const delays: number[] = [];
    const failures = [offline(), serverError(), offline()];
    const answer = await sendUntilAnswered(
      async () => {
        sentWith.push(keys.current());
        const failure = failures.shift();
        if (failure) throw failure;
        return { receipt: 'HW-1' };
      },
      { delay: async (ms) => void delays.push(ms) },
    );
    expect(answer).toEqual({ receipt: 'HW-1' });
    expect(sentWith).toHaveLength(4);
    expect(new Set(sentWith).size).toBe(1);
    expect(delays).toEqual([1000, 2000, 4000]);
  });

  it('stops at a refusal without retrying', async () => {
    let tries = 0;
    await expect(
      sendUntilAnswered(
        async () => {
          tries++;
          throw refused();
        },
        { delay: async () => undefined },
      ),
    ).rejects.toMatchObject({ status: 400 });
    expect(tries).toBe(1);
  });

  it('reports each attempt with the error before it', async () => {
    const seen: [number, number | undefined][] = [];
    let n = 0;
    await sendUntilAnswered(
      async () => {
        if (n++ === 0) throw serverError();
        return 'ok';
      },
      {
        delay: async () => undefined,
        onAttempt: (attempt, error) =>
          seen.push([
            attempt,
            (error as HttpErrorResponse | undefined)?.status,
          ]),
      },
    );
    expect(seen).toEqual([
      [1, undefined],
      [2, 503],
    ]);
  });

  it('gives up when aborted, with the last failure', async () => {
    const controller = new AbortController();
    await expect(
      sendUntilAnswered(
        async () => {
          throw offline();
        },
        { delay: async () => controller.abort(), signal: controller.signal },
      ),
    ).rejects.toMatchObject({ status: 0 });
  });
});

describe('retry policy', () => {
  it('retries only what another try could change', () => {
    expect(isRetryable(offline())).toBe(true);
    expect(isRetryable(serverError())).toBe(true);
    expect(isRetryable(new HttpErrorResponse({ status: 408 }))).toBe(true);
    expect(isRetryable(refused())).toBe(false);
    expect(isRetryable(new HttpErrorResponse({ status: 422 }))).toBe(false);
    expect(isRetryable(new HttpErrorResponse({ status: 429 }))).toBe(false);
  });

  it('waits longer each time, up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((a) => backoffMs(a))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });
});

describe('IdempotencyKeyHolder', () => {
  it('keeps one key per report and makes a new one after it finished', () => {
    let n = 0;
    const keys = new IdempotencyKeyHolder(() => `k${++n}`);
    expect(keys.current()).toBe('k1');
    expect(keys.current()).toBe('k1');
    keys.finish();
    expect(keys.current()).toBe('k2');
  });
});

describe('fitWithin', () => {
  it('shrinks the longest side to 1600 px and never enlarges', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
