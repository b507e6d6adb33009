// A tiny server-sent events writer (html.spec.whatwg.org, "Server-sent
// events"): `event:` and one `data:` line of JSON per event. Proxies must not
// buffer the stream, hence no-transform and X-Accel-Buffering.
import type { Request, Response } from 'express';
import { redactDeep } from '../secrets/redact.ts';

export interface SseStream {
  send(event: string, data: unknown): void;
  end(): void;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
}

export function wantsEventStream(req: Request): boolean {
  return /\btext\/event-stream\b/.test(req.headers.accept ?? '');
}

export function openEventStream(res: Response): SseStream {
  const gone = new AbortController();
  res.on('close', () => {
    if (!res.writableEnded) gone.abort();
  });
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  return {
    send(event, data) {
      if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(redactDeep(data))}\n\n`); // the same last net as every JSON answer
    },
    end() {
      if (!res.writableEnded) res.end();
    },
    signal: gone.signal,
  };
}
