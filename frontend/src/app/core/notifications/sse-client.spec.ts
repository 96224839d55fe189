import { SseParser, connectSse, reconnectDelayMs } from './sse-client';
import type { SseEvent } from './sse-client';

const encoder = new TextEncoder();

/** A fetch Response whose body yields these chunks, then ends. */
function streamResponse(chunks: string[], status = 200): Response {
  const queue = chunks.map((c) => encoder.encode(c));
  return {
    status,
    ok: status >= 200 && status < 300,
    body: {
      getReader: () => ({
        read: async () =>
          queue.length
            ? { value: queue.shift(), done: false }
            : { value: undefined, done: true },
      }),
    },
  } as unknown as Response;
}

describe('SseParser', () => {
  it('parses events split across chunks, joins data lines and skips comments', () => {
    const parser = new SseParser();
    expect(parser.push('event: unread\nda')).toEqual([]);
    expect(
      parser.push(
        'ta: {"unread":3}\n\n: keep-alive\n\nid: n1\nevent: notification\ndata: a\r\ndata: b\r\n\r\n',
      ),
    ).toEqual([
      { event: 'unread', data: '{"unread":3}', id: undefined },
      { event: 'notification', data: 'a\nb', id: 'n1' },
    ]);
  });

  it('calls an event without a name "message" and ignores blocks without data', () => {
    const parser = new SseParser();
    expect(parser.push('event: ping\n\ndata: x\n\n')).toEqual([
      { event: 'message', data: 'x', id: undefined },
    ]);
  });
});

describe('connectSse', () => {
  it('sends the bearer token in a header, never in the URL, and asks for an event stream', async () => {
    const calls: [string, RequestInit][] = [];
    const events: SseEvent[] = [];
    let tokens = ['t1', null];
    const connection = connectSse({
      url: '/api/v1/notifications/stream',
      token: () => tokens.shift() ?? null,
      refresh: async () => false,
      onEvent: (e) => events.push(e),
      fetch: async (url, init) => {
        calls.push([String(url), init ?? {}]);
        return streamResponse(['event: unread\ndata: {"unread":2}\n\n']);
      },
      delay: async () => undefined,
    });
    await connection.done;
    expect(calls).toHaveLength(1);
    expect(calls[0][0]).toBe('/api/v1/notifications/stream');
    expect(calls[0][1].headers).toEqual({
      Authorization: 'Bearer t1',
      Accept: 'text/event-stream',
    });
    expect(events).toEqual([
      { event: 'unread', data: '{"unread":2}', id: undefined },
    ]);
    tokens = [];
  });

  it('reconnects after failures with growing pauses and resets them after a good connection', async () => {
    const delays: number[] = [];
    const answers: (() => Promise<Response>)[] = [
      () => Promise.reject(new TypeError('offline')),
      async () => streamResponse([], 503),
      async () => streamResponse(['data: hi\n\n']),
      () => Promise.reject(new TypeError('offline')),
    ];
    let received = 0;
    const connection = connectSse({
      url: '/s',
      token: () => (answers.length ? 't' : null),
      refresh: async () => true,
      onEvent: () => received++,
      fetch: () =>
        (answers.shift() ?? (() => Promise.reject(new Error('none'))))(),
      delay: async (ms) => void delays.push(ms),
    });
    await connection.done;
    expect(received).toBe(1);
    expect(delays).toEqual([1000, 2000, 1000]);
  });

  it('refreshes the token on 401 and stops when the refresh fails (signed out)', async () => {
    let refreshes = 0;
    const tokens = ['old', 'new'];
    const seen: string[] = [];
    const connection = connectSse({
      url: '/s',
      token: () => tokens[0],
      refresh: async () => {
        refreshes++;
        tokens.shift();
        return refreshes < 2;
      },
      onEvent: () => undefined,
      fetch: async (_url, init) => {
        seen.push((init?.headers as Record<string, string>)['Authorization']);
        return streamResponse([], 401);
      },
      delay: async () => undefined,
    });
    await connection.done;
    expect(seen).toEqual(['Bearer old', 'Bearer new']);
    expect(refreshes).toBe(2);
  });

  it('stops for good when closed', async () => {
    let fetches = 0;
    const closer = { close: () => undefined as void };
    const connection = connectSse({
      url: '/s',
      token: () => 't',
      refresh: async () => true,
      onEvent: () => undefined,
      fetch: async () => {
        fetches++;
        await Promise.resolve();
        closer.close();
        return streamResponse([]);
      },
      delay: async () => undefined,
    });
    closer.close = connection.close;
    await connection.done;
    expect(fetches).toBe(1);
  });

  it('waits 1, 2, 4 … 60 s', () => {
    expect([0, 1, 2, 3, 6, 7, 10].map(reconnectDelayMs)).toEqual([
      0, 1000, 2000, 4000, 32000, 60000, 60000,
    ]);
  });
});
