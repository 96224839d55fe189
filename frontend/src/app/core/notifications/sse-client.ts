/** One server-sent event. */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Incremental text/event-stream parser (the WHATWG rules that matter here): events end at a blank
 * line, `data:` lines join with newlines, `:` lines are comments, LF or CRLF end a line.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;

  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    const lines = this.buffer.split('\n');
    // The last piece may be an incomplete line: keep it for the next chunk.
    this.buffer = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line === '') {
        if (this.data.length)
          out.push({
            event: this.event || 'message',
            data: this.data.join('\n'),
            id: this.id,
          });
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
      else if (field === 'id') this.id = value;
    }
    return out;
  }
}

/** 1 s, 2 s, 4 s … up to 60 s between reconnections after failures. */
export function reconnectDelayMs(failures: number): number {
  return failures <= 0 ? 0 : Math.min(60_000, 1000 * 2 ** (failures - 1));
}

export interface SseConnectionOptions {
  url: string;
  /** The current access token (null: not signed in, the connection waits). */
  token: () => string | null;
  /** Called on a 401: get a fresh token; false ends the connection. */
  refresh: () => Promise<boolean>;
  onEvent: (event: SseEvent) => void;
  /** Whether the stream is open (for a "live" indicator). */
  onOpenChange?: (open: boolean) => void;
  fetch?: typeof fetch;
  delay?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * Server-sent events over fetch, because EventSource cannot send the Authorization header (and the
 * token must never go in the URL). Reconnects when the stream ends (the server closes it when the
 * token would expire) and after failures, with growing pauses; `close()` stops it for good.
 */
export function connectSse(options: SseConnectionOptions): {
  close: () => void;
  done: Promise<void>;
} {
  const controller = new AbortController();
  const doFetch =
    options.fetch ??
    ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const delay = options.delay ?? sleep;

  const run = async () => {
    let failures = 0;
    while (!controller.signal.aborted) {
      if (failures) await delay(reconnectDelayMs(failures), controller.signal);
      if (controller.signal.aborted) break;
      const token = options.token();
      if (!token) break;
      try {
        const response = await doFetch(options.url, {
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: 'text/event-stream',
          },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (response.status === 401) {
          if (!(await options.refresh())) break;
          failures++;
          continue;
        }
        if (!response.ok || !response.body) {
          failures++;
          continue;
        }
        failures = 0;
        options.onOpenChange?.(true);
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        const parser = new SseParser();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          for (const event of parser.push(
            decoder.decode(value, { stream: true }),
          ))
            options.onEvent(event);
        }
        options.onOpenChange?.(false);
      } catch {
        options.onOpenChange?.(false);
        if (controller.signal.aborted) break;
        failures++;
      }
    }
  };

  const done = run();
  return { close: () => controller.abort(), done };
}
