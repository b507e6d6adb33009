// A real HTTP server on loopback speaking the OpenAI Chat Completions
// protocol (POST /v1/chat/completions), streamed (`data: {...}` chunks, then
// `data: [DONE]`) or as one JSON body. It records every request, and each
// answer's behaviour is chosen by the test: text, an HTTP error, a hang, a
// malformed stream.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { after } from 'node:test';
import { setUp } from './setup.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The raw body as received. */
  raw: string;
  body: { model?: string; stream?: boolean; messages?: { role: string; content: string }[] } & Record<string, unknown>;
}

export type Behaviour =
  | { kind: 'text'; text: string; chunkChars?: number; chunkDelayMs?: number }
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** Never answers (headers never sent). */
  | { kind: 'hang' }
  /** Streams the text, then holds the connection open without finishing. */
  | { kind: 'hang_after'; text: string }
  /** A `data:` line that is not JSON, after a valid first chunk. */
  | { kind: 'malformed' };

export interface FakeOpenAI {
  /** Base URL to put in OPENAI_BASE_URL. */
  url: string;
  requests: RecordedRequest[];
  /** Chooses the behaviour of each request (default: the polite model). */
  respond: (request: RecordedRequest) => Behaviour;
  close(): Promise<void>;
}

type Respond = (request: RecordedRequest) => Behaviour;
const polite: Respond = (r) => ({ kind: 'text', text: politeAnswer(r) });

export async function startFakeOpenAI(respond: Respond = polite): Promise<FakeOpenAI> {
  const fake: FakeOpenAI = { url: '', requests: [], respond, close: async () => {} };
  await listen(fake);
  return fake;
}

/**
 * The fake server for the tests of the file (or describe) this is called in:
 * listening before them (a setUp hook; its `url` is set from then on), closed after them.
 */
export function fakeOpenAIForTests(respond: Respond = polite): FakeOpenAI {
  const fake: FakeOpenAI = { url: '', requests: [], respond, close: async () => {} };
  setUp(() => listen(fake));
  after(() => fake.close());
  return fake;
}

/** The service's settings that send its phrasing to `fake`, with a model deadline of `timeoutMs`. */
export function modelEnv(fake: FakeOpenAI, timeoutMs: number): Record<string, string> {
  if (fake.url === '') throw new Error('the fake model server is not listening yet: call modelEnv in a test or a setUp() hook registered after it');
  return { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: 'sk-test-fake-server-key-0000', OPENAI_TIMEOUT_MS: String(timeoutMs) };
}

async function listen(fake: FakeOpenAI): Promise<void> {
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: RecordedRequest['body'] = {};
    try {
      body = JSON.parse(raw);
    } catch {
      body = {};
    }
    const request: RecordedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, raw, body };
    fake.requests.push(request);
    if (req.method !== 'POST' || !request.path.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
      return;
    }
    await answer(res, fake.respond(request), body.stream === true, body.model ?? 'fake');
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  fake.url = `http://127.0.0.1:${address.port}/v1`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
}

async function answer(res: ServerResponse, behaviour: Behaviour, stream: boolean, model: string): Promise<void> {
  const id = 'chatcmpl-fake';
  const created = Math.floor(Date.now() / 1000);
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  switch (behaviour.kind) {
    case 'status': {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (behaviour.retryAfterSeconds !== undefined) headers['retry-after'] = String(behaviour.retryAfterSeconds);
      res.writeHead(behaviour.status, headers).end(JSON.stringify({ error: { message: `fake ${behaviour.status}`, type: behaviour.status === 429 ? 'rate_limit_exceeded' : 'server_error' } }));
      return;
    }
    case 'hang':
      return;
    case 'malformed':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', content: '### overview\n' }));
      res.write('data: {"choices": [{"delta": {"content": "unterminated\n\n');
      res.end('data: [DONE]\n\n');
      return;
    case 'hang_after':
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk({ role: 'assistant', content: behaviour.text }));
      return;
    case 'text':
      if (!stream) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({ id, object: 'chat.completion', created, model, choices: [{ index: 0, message: { role: 'assistant', content: behaviour.text }, finish_reason: 'stop' }] }),
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(chunk({ role: 'assistant', content: '' }));
      for (const piece of piecesOf(behaviour.text, behaviour.chunkChars ?? 12)) {
        if (res.destroyed) return;
        res.write(chunk({ content: piece }));
        if (behaviour.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.chunkDelayMs));
      }
      res.write(chunk({}, 'stop'));
      res.end('data: [DONE]\n\n');
  }
}

function piecesOf(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** The fenced JSON fact `key` from the user message of a recorded request. */
export function factOf(request: RecordedRequest, key: string): unknown {
  const user = request.body.messages?.find((m) => m.role === 'user')?.content ?? '';
  const match = new RegExp(`(?:^|\\n)${key}[^\\n]*:\\n~~~json\\n([\\s\\S]*?)\\n~~~`).exec(user);
  return match ? JSON.parse(match[1] as string) : undefined;
}

/** A model that follows the rules: one plain sentence per section key, quoting nothing. */
export function politeAnswer(request: RecordedRequest): string {
  const keys = (factOf(request, 'sections') as string[] | undefined) ?? [];
  return keys.map((key) => `### ${key}\nThis part is explained in plain words: read it, then act on what the engine shows above.\n`).join('\n');
}

/** A model that obeys whatever the paste tells it: it adds the injected advice to the first section. */
export function obedientAnswer(request: RecordedRequest, injected: string): string {
  const keys = (factOf(request, 'sections') as string[] | undefined) ?? [];
  return keys.map((key, i) => `### ${key}\n${i === 0 ? `${injected}\n` : ''}This part is explained in plain words.\n`).join('\n');
}
