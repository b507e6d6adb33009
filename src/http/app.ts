// createApp builds, server.ts listens, so tests run the app on a port of their own. Async handlers
// throw coded errors; one error middleware answers them, then the 404.
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Chat } from '../chat/conversation.ts';
import { auditConnectionString } from '../connstr/audit.ts';
import { buildChecklist } from '../secrets/checklist/checklist.ts';
import { redactDeep } from '../secrets/redact.ts';
import { ProbeBusyError, type Probe } from '../probe/service.ts';
import { triage } from '../triage/classify.ts';
import { errors } from '../errors.ts';
import { ChecklistBody, DoctorBody, IdempotencyKey, MessageBody, PageQuery, parseBody, TextBody } from '../schemas.ts';
import { errorBody, toPgtError } from './errors.ts';
import { jsonBody } from './json-body.ts';
import { jsonText } from './json-text.ts';
import { allowedHostsOnly, bearerToken, checksInOrder, jsonOnlyWrites, sameOriginWrites, type RequestCheck } from './guards.ts';
import { ownerCookies, type OwnerCookies } from './owner-cookie.ts';
import { writeLimit, type HitCounter } from './rate-limit.ts';
import { openEventStream, wantsEventStream } from './sse.ts';

export interface AppDeps {
  chat: Chat;
  logger: Logger;
  metrics: Registry;
  /** Bearer token required on /api when set. */
  token: string | null;
  /** Store round trip for /healthz. */
  checkStore: () => Promise<void>;
  /** Host names (no port) the service answers to. */
  allowedHosts: readonly string[];
  /** Writes per client per minute on /api (0: no limit), counted by `hits`. */
  writesPerMinute: number;
  hits: HitCounter;
  /** The key that signs owner cookies, shared by every instance on the store. */
  ownerKey: Buffer;
  /** Every request is answered within this. */
  requestTimeoutMs: number;
  /** The live probe behind POST /api/doctor; absent, the route answers 404. */
  probe?: Probe;
}
const BODY_LIMIT_BYTES = 256 * 1024;
const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // No ETag on API answers: no client revalidates a triage or a conversation read, and
  // hashing every body cost more than the answer's own JSON encoding. (Static files keep theirs.)
  app.set('etag', false);
  app.response.json = sendJson;
  app.use(everyRequest({ logger: deps.logger, timeoutMs: deps.requestTimeoutMs, hostAllowed: allowedHostsOnly(deps.allowedHosts) }));
  const owners = ownerCookies(deps.ownerKey);
  const limit = writeLimit({ writesPerMinute: deps.writesPerMinute, counter: deps.hits, logger: deps.logger });

  app.get('/healthz', async (_req, res) => {
    try {
      await deps.checkStore();
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', store: 'unreachable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.contentType).send(await deps.metrics.metrics());
  });

  const api = express.Router();
  api.use(checksInOrder(bearerToken(deps.token), sameOriginWrites, jsonOnlyWrites));
  if (limit !== null) api.use(limit);
  api.use(jsonBody(BODY_LIMIT_BYTES));

  api.post('/triage', (req, res) => {
    res.json(triage(parseBody(TextBody, req.body, 'PGT_ERR_BAD_REQUEST').text));
  });
  api.post('/parse', (req, res) => {
    res.json(auditConnectionString(parseBody(TextBody, req.body, 'PGT_ERR_BAD_REQUEST').text));
  });
  api.post('/checklist', (req, res) => {
    res.json(buildChecklist(parseBody(ChecklistBody, req.body, 'PGT_ERR_BAD_REQUEST')));
  });
  if (deps.probe) {
    const probe = deps.probe;
    api.post('/doctor', async (req, res) => {
      const sanity = parseBody(DoctorBody, req.body ?? {}, 'PGT_ERR_BAD_REQUEST').sanity === true;
      if (!wantsEventStream(req)) {
        const gone = new AbortController();
        res.on('close', () => gone.abort());
        res.json(sanity ? await probe.sanity({ signal: gone.signal }) : await probe.doctor({ signal: gone.signal }));
        return;
      }
      // A busy probe is refused with a plain error before the stream opens.
      if (probe.isBusy()) throw new ProbeBusyError({ running: probe.running() });
      const stream = openEventStream(res);
      const event = sanity ? 'step' : 'check';
      try {
        const request = { signal: stream.signal, onCheck: (result: unknown) => stream.send(event, result) };
        stream.send('report', sanity ? await probe.sanity(request) : await probe.doctor(request));
      } catch (error) {
        stream.send('error', errorBody(toPgtError(error)));
      } finally {
        stream.end();
      }
    });
  }
  api.post('/conversations', async (req, res) => {
    const owner = owners.ownerOf(req) ?? owners.issue(res);
    res.status(201).json(await deps.chat.start(owner));
  });
  // No owner cookie yet: nothing to list (not an error).
  api.get('/conversations', async (req, res) => {
    const owner = owners.ownerOf(req);
    res.json(owner === null ? { conversations: [] } : await deps.chat.list(owner));
  });
  api.get('/conversations/:id', async (req, res) => {
    const page = parseBody(PageQuery, req.query, 'PGT_ERR_BAD_REQUEST');
    res.json(await deps.chat.read(String(req.params.id), requireOwner(owners, req), page));
  });
  api.post('/conversations/:id/messages', async (req, res) => {
    const owner = requireOwner(owners, req);
    const idempotencyKey = parseBody(IdempotencyKey, req.headers['idempotency-key'], 'PGT_ERR_BAD_REQUEST');
    const message = parseBody(MessageBody, req.body, 'PGT_ERR_BAD_MESSAGE');
    if ('verify' in message && deps.probe) waitOnProbe(res, deps.probe.timeoutMs);
    const { replies, replayed } = await deps.chat.post(String(req.params.id), owner, message, { idempotencyKey });
    if (replayed) res.set('Idempotent-Replayed', 'true');
    res.json({ replies });
  });
  // The phrasing of a reply as server-sent events: `section` events, then `done` (README, "In the chat").
  api.get('/conversations/:id/phrasings/:phrasingId/events', async (req, res) => {
    const follow = await deps.chat.watchPhrasing(String(req.params.id), requireOwner(owners, req), String(req.params.phrasingId));
    const stream = openEventStream(res);
    const stop = follow((event) => {
      stream.send(event.event, event.data);
      if (event.event === 'done') stream.end();
    });
    stream.signal.addEventListener('abort', stop, { once: true });
  });
  app.use('/api', api);

  app.use(express.static(PUBLIC_DIR, { index: 'index.html', fallthrough: true }));
  app.use((_req, _res, next) => next(new errors.PGT_ERR_NOT_FOUND()));
  app.use(errorHandler(deps.logger));
  return app;
}

// Another owner's conversation is indistinguishable from a missing one.
function requireOwner(owners: OwnerCookies, req: Request): string {
  const owner = owners.ownerOf(req);
  if (owner === null) throw new errors.PGT_ERR_CONVERSATION_NOT_FOUND();
  return owner;
}

// Every JSON answer of this app leaves through here. The last net: every string
// passes src/secrets, so a field a handler forgot to redact still leaves without
// a live secret. Sent as one string (Express's res.send turns a body of 1,000
// characters or more into a Buffer, which Node then writes apart from the headers).
function sendJson(this: Response, body: unknown): Response {
  const text = jsonText(redactDeep(body));
  if (!this.hasHeader('Content-Type')) this.setHeader('Content-Type', 'application/json; charset=utf-8');
  this.setHeader('Content-Length', Buffer.byteLength(text));
  this.end(text);
  return this;
}

// helmet's defaults (COOP, CORP, nosniff, frameguard, ...) with a CSP that
// allows this origin's own files only.
export const securityHeaderOptions: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
  frameguard: { action: 'deny' },
  // Served over plain HTTP on loopback by default; HSTS belongs to the TLS proxy in front.
  strictTransportSecurity: false,
};

// Every answer is private to its owner: no-store.
// What every request gets, in one layer (each router layer costs more than
// the work in it): the security headers, a log line of method, path and
// status only (bodies hold pasted errors and connection strings), an answer
// within the bound whatever the store does (503 with the catalogue's code; the
// work may still finish, and a retry with the same Idempotency-Key then gets
// its answer instead of storing it twice), and the Host check.
function everyRequest({ logger, timeoutMs, hostAllowed }: { logger: Logger; timeoutMs: number; hostAllowed: RequestCheck }) {
  const headers = helmetHeaders(helmet(securityHeaderOptions));
  headers.push(['Cache-Control', 'no-store']);
  return (req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    const started = process.hrtime.bigint();
    // Read now: a mounted router trims req.url while it handles the request.
    const { method, path } = req;
    let timer: NodeJS.Timeout | undefined;
    // The probe has its own bound (PROBE_TIMEOUT_MS) and reports each check as it goes.
    if (path !== '/api/doctor') {
      const arm = (ms: number) => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (res.headersSent) return;
          const late = new errors.PGT_ERR_REQUEST_TIMEOUT({ details: { timeoutMs: ms } });
          res.status(late.statusCode).json(errorBody(late));
        }, ms);
      };
      arm(timeoutMs);
      res.locals[EXTEND_DEADLINE] = (probeBudgetMs: number) => arm(probeBudgetMs + timeoutMs);
    }
    // 'close' follows 'finish' once the answer is out, and comes alone when the client went away first.
    res.once('close', () => {
      clearTimeout(timer);
      if (res.writableFinished) logger.info({ method, path, status: res.statusCode, durationMs: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
    });
    next(hostAllowed(req));
  };
}

// With no nonce and no directive computed from the request, helmet's twelve
// middlewares set the same headers on every answer: read them once, set them in one.
function helmetHeaders(middleware: (req: never, res: never, next: (error?: unknown) => void) => void): [string, string][] {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    // Only X-Powered-By, which app.disable('x-powered-by') already keeps off.
    removeHeader: () => {},
  };
  let outcome: { error?: unknown } | undefined;
  middleware({} as never, recorder as never, (error) => {
    outcome = { error };
  });
  if (outcome === undefined || outcome.error !== undefined) throw new Error('helmet did not set its headers in one synchronous pass', { cause: outcome?.error });
  return headers;
}

const EXTEND_DEADLINE = 'extendDeadline';

/** A request that waits on the probe: its deadline becomes the probe's budget plus its own, from now. */
function waitOnProbe(res: Response, probeBudgetMs: number): void {
  (res.locals[EXTEND_DEADLINE] as ((ms: number) => void) | undefined)?.(probeBudgetMs);
}

function errorHandler(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    // Already answered (the deadline passed): nothing more to send.
    if (res.headersSent) return;
    const known = toPgtError(error);
    if (known.statusCode >= 500) {
      // Names and codes only: a driver error message can quote the input.
      const cause = (known.cause ?? error) as { name?: string; code?: string };
      logger.error({ code: known.code, causeName: cause?.name, causeCode: cause?.code }, 'request failed');
    }
    res.status(known.statusCode).json(errorBody(known));
  };
}
