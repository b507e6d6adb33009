// createApp builds, server.ts listens (STYLE.md practice 10). Async handlers
// throw coded errors; one error middleware answers them, then the 404.
import express, { type NextFunction, type Request, type Response } from 'express';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Chat } from '../chat/conversation.ts';
import { auditConnectionString } from '../connstr/audit.ts';
import { triage } from '../triage/classify.ts';
import { errors } from '../errors.ts';
import { MessageBody, parseBody, TextBody } from '../schemas.ts';
import { errorBody, toPgtError } from './errors.ts';

export interface AppDeps {
  chat: Chat;
  logger: Logger;
  metrics: Registry;
  /** Bearer token required on /api when set. */
  token: string | null;
  /** Store round trip for /healthz. */
  checkStore: () => Promise<void>;
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
  api.use(requireToken(deps.token));
  api.use(jsonBody());

  api.post('/triage', (req, res) => {
    res.json(triage(parseBody(TextBody, req.body, 'PGT_ERR_BAD_REQUEST').text));
  });
  api.post('/parse', (req, res) => {
    res.json(auditConnectionString(parseBody(TextBody, req.body, 'PGT_ERR_BAD_REQUEST').text));
  });
  api.post('/conversations', async (req, res) => {
    const owner = ownerOf(req) ?? issueOwner(res);
    res.status(201).json(await deps.chat.start(owner));
  });
  api.get('/conversations/:id', async (req, res) => {
    res.json(await deps.chat.read(String(req.params.id), requireOwner(req)));
  });
  api.post('/conversations/:id/messages', async (req, res) => {
    const owner = requireOwner(req);
    res.json(await deps.chat.post(String(req.params.id), owner, parseBody(MessageBody, req.body, 'PGT_ERR_BAD_MESSAGE')));
  });
  app.use('/api', api);

  app.use(express.static(PUBLIC_DIR, { index: 'index.html', fallthrough: true }));
  app.use((_req, _res, next) => next(new errors.PGT_ERR_NOT_FOUND()));
  app.use(errorHandler(deps.logger));
  return app;
}

// express.json's failures (body-parser's `type`) become the catalogue's errors here, where they happen.
function jsonBody() {
  const parse = express.json({ limit: '256kb' });
  return (req: Request, res: Response, next: NextFunction) => {
    parse(req, res, (error?: unknown) => {
      if (error === undefined) return next();
      const type = (error as { type?: string }).type;
      if (type === 'entity.parse.failed') return next(new errors.PGT_ERR_BAD_JSON({ cause: error }));
      if (type === 'entity.too.large') return next(new errors.PGT_ERR_TOO_LARGE({ cause: error }));
      next(new errors.PGT_ERR_BAD_REQUEST({ message: 'the request body could not be read', cause: error }));
    });
  };
}

function ownerOf(req: Request): string | null {
  const cookie = req.headers.cookie ?? '';
  const match = new RegExp(`(?:^|;\\s*)${OWNER_COOKIE}=([A-Za-z0-9_-]{20,100})`).exec(cookie);
  return match?.[1] ?? null;
}

// Another owner's conversation is indistinguishable from a missing one.
function requireOwner(req: Request): string {
  const owner = ownerOf(req);
  if (owner === null) throw new errors.PGT_ERR_CONVERSATION_NOT_FOUND();
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
    next(new errors.PGT_ERR_UNAUTHORIZED());
  };
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
    const known = toPgtError(error);
    if (known.statusCode >= 500) {
      // Names and codes only: a driver error message can quote the input.
      const cause = (known.cause ?? error) as { name?: string; code?: string };
      logger.error({ code: known.code, causeName: cause?.name, causeCode: cause?.code }, 'request failed');
    }
    res.status(known.statusCode).json(errorBody(known));
  };
}
