// createApp builds, server.ts listens, so tests run the app on a port of their own. Async handlers
// throw coded errors; one error middleware answers them, then the 404.
import express, { type NextFunction, type Request, type Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { ChatError, type Chat } from '../chat/conversation.ts';
import { auditConnectionString } from '../connstr/audit.ts';
import { buildChecklist, type ChecklistInput } from '../secrets/checklist/checklist.ts';
import { redactDeep } from '../secrets/redact.ts';
import { ProbeBusyError, type Probe } from '../probe/service.ts';
import { triage } from '../triage/classify.ts';
import { errorBody, HttpError } from './errors.ts';
import { openEventStream, wantsEventStream } from './sse.ts';

export interface AppDeps {
  chat: Chat;
  logger: Logger;
  metrics: Registry;
  /** Bearer token required on /api when set. */
  token: string | null;
  /** Store round trip for /healthz. */
  checkStore: () => Promise<void>;
  /** The live probe behind POST /api/doctor; absent, the route answers 404. */
  probe?: Probe;
}

const OWNER_COOKIE = 'pgtriage_owner';
const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(securityHeaders);
  app.use(requestLog(deps.logger));

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
  api.use(redactResponses);
  api.use(requireToken(deps.token));
  api.use(express.json({ limit: '256kb' }));

  api.post('/triage', (req, res) => {
    res.json(triage(requiredText(req.body)));
  });
  api.post('/parse', (req, res) => {
    res.json(auditConnectionString(requiredText(req.body)));
  });
  api.post('/checklist', (req, res) => {
    res.json(buildChecklist(checklistInput(req.body)));
  });
  if (deps.probe) {
    const probe = deps.probe;
    api.post('/doctor', async (req, res) => {
      const sanity = sanityFlag(req.body);
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
        stream.send('error', errorBody(toHttpError(error)));
      } finally {
        stream.end();
      }
    });
  }
  api.post('/conversations', async (req, res) => {
    const owner = ownerOf(req) ?? issueOwner(res);
    res.status(201).json(await deps.chat.start(owner));
  });
  // No owner cookie yet: nothing to list (not an error).
  api.get('/conversations', async (req, res) => {
    const owner = ownerOf(req);
    res.json(owner === null ? { conversations: [] } : await deps.chat.list(owner));
  });
  api.get('/conversations/:id', async (req, res) => {
    res.json(await deps.chat.read(String(req.params.id), requireOwner(req)));
  });
  api.post('/conversations/:id/messages', async (req, res) => {
    res.json(await deps.chat.post(String(req.params.id), requireOwner(req), req.body));
  });
  // The phrasing of a reply as server-sent events: `section` events, then `done` (README, "In the chat").
  api.get('/conversations/:id/phrasings/:phrasingId/events', async (req, res) => {
    const follow = await deps.chat.watchPhrasing(String(req.params.id), requireOwner(req), String(req.params.phrasingId));
    const stream = openEventStream(res);
    const stop = follow((event) => {
      stream.send(event.event, event.data);
      if (event.event === 'done') stream.end();
    });
    stream.signal.addEventListener('abort', stop, { once: true });
  });
  app.use('/api', api);

  app.use(express.static(PUBLIC_DIR, { index: 'index.html', fallthrough: true }));
  app.use((_req, _res, next) => next(new HttpError({ code: 'PGT_ERR_NOT_FOUND' })));
  app.use(errorHandler(deps.logger));
  return app;
}

function requiredText(body: unknown): string {
  const text = (body as { text?: unknown } | undefined)?.text;
  if (typeof text !== 'string' || text.trim() === '') throw new HttpError({ code: 'PGT_ERR_BAD_REQUEST', message: '"text" must be a non-empty string' });
  return text;
}

// {description?, env?, gitignore?}: strings, and something to build from.
function checklistInput(body: unknown): ChecklistInput {
  const fields = (typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const input: ChecklistInput = {};
  for (const key of ['description', 'env', 'gitignore'] as const) {
    const value = fields[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new HttpError({ code: 'PGT_ERR_BAD_REQUEST', message: `"${key}" must be a string` });
    input[key] = value;
  }
  if ((input.description ?? '').trim() === '' && (input.env ?? '').trim() === '') {
    throw new HttpError({ code: 'PGT_ERR_BAD_REQUEST', message: 'send {"description": "..."} and/or {"env": "<your .env or .env.example>"}, optionally with "gitignore"' });
  }
  return input;
}

function sanityFlag(body: unknown): boolean {
  if (body === undefined || body === null) return false;
  if (typeof body !== 'object' || Array.isArray(body)) throw new HttpError({ code: 'PGT_ERR_BAD_REQUEST', message: 'send {} or {"sanity": true}' });
  const sanity = (body as { sanity?: unknown }).sanity;
  if (sanity !== undefined && typeof sanity !== 'boolean') throw new HttpError({ code: 'PGT_ERR_BAD_REQUEST', message: '"sanity" must be true or false' });
  return sanity === true;
}

function ownerOf(req: Request): string | null {
  const cookie = req.headers.cookie ?? '';
  const match = new RegExp(`(?:^|;\\s*)${OWNER_COOKIE}=([A-Za-z0-9_-]{20,100})`).exec(cookie);
  return match?.[1] ?? null;
}

// Another owner's conversation is indistinguishable from a missing one.
function requireOwner(req: Request): string {
  const owner = ownerOf(req);
  if (owner === null) throw new HttpError({ code: 'PGT_ERR_CONVERSATION_NOT_FOUND' });
  return owner;
}

function issueOwner(res: Response): string {
  const owner = randomBytes(24).toString('base64url');
  res.cookie(OWNER_COOKIE, owner, { httpOnly: true, sameSite: 'strict', path: '/', maxAge: 365 * 24 * 3600 * 1000 });
  return owner;
}

function requireToken(token: string | null) {
  const expected = token === null ? null : Buffer.from(token);
  return (req: Request, _res: Response, next: NextFunction) => {
    if (expected === null) return next();
    const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    next(new HttpError({ code: 'PGT_ERR_UNAUTHORIZED' }));
  };
}

// The last net: every string of every /api answer passes src/secrets, so a
// field a handler forgot to redact still leaves without a live secret.
function redactResponses(_req: Request, res: Response, next: NextFunction): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) => json(redactDeep(body));
  next();
}

function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.set({
    'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cache-Control': 'no-store',
  });
  next();
}

// Method, path and status only: bodies hold pasted errors and connection strings.
function requestLog(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info({ method: req.method, path: req.path, status: res.statusCode, durationMs: Number(process.hrtime.bigint() - started) / 1e6 }, 'request');
    });
    next();
  };
}

function errorHandler(logger: Logger) {
  return (error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const known = toHttpError(error);
    if (known.code === 'PGT_ERR_INTERNAL' || known.code === 'PGT_ERR_STORE_UNAVAILABLE') {
      // The name and code only: a driver error message can quote the input.
      const err = error as { name?: string; code?: string };
      logger.error({ errorName: err?.name, errorCode: err?.code }, 'request failed');
    }
    res.status(known.statusCode).json(errorBody(known));
  };
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ChatError) return new HttpError({ code: error.code, message: error.message, details: error.details });
  if (error instanceof ProbeBusyError) return new HttpError({ code: 'PGT_ERR_PROBE_BUSY', message: error.message });
  const err = error as { type?: string; status?: number; code?: string; name?: string };
  if (err?.type === 'entity.parse.failed') return new HttpError({ code: 'PGT_ERR_BAD_JSON' });
  if (err?.type === 'entity.too.large') return new HttpError({ code: 'PGT_ERR_TOO_LARGE' });
  if (err?.status === 400 || err?.status === 415) return new HttpError({ code: 'PGT_ERR_BAD_REQUEST', message: 'the request body could not be read' });
  if (isStoreOutage(err)) return new HttpError({ code: 'PGT_ERR_STORE_UNAVAILABLE', cause: error });
  return new HttpError({ code: 'PGT_ERR_INTERNAL', cause: error });
}

function isStoreOutage(err: { code?: string; name?: string }): boolean {
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '08006', '08001', '53300'].includes(err?.code ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect/.test(String((err as Error)?.message ?? ''));
}
