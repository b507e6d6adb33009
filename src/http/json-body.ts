// The JSON body of an API request, read here rather than by express.json: a
// profile of POST /api/triage under load put body-parser's layers (type-is,
// content-type, raw-body, on-finished, iconv-lite) among the costliest around
// the triage itself, for what comes down to "collect at most N bytes of UTF-8,
// JSON.parse them". What body-parser's json() does that the API relies on is
// kept: the size limit checked from Content-Length before reading and again
// while reading (413), strict JSON (an object or an array), an empty body read
// as {}, a leading BOM dropped, and a body whose length disagrees with its
// Content-Length refused. What the API never needs is refused plainly (415):
// a compressed body and a charset other than UTF-8.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { errors } from '../errors.ts';

/** `Content-Type: application/json`, with or without parameters (RFC 9110 §8.3.1: type and subtype are case-insensitive). */
export function isJsonType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const end = contentType.indexOf(';');
  return (end === -1 ? contentType : contentType.slice(0, end)).trim().toLowerCase() === 'application/json';
}

/** Whether the request carries a body at all (RFC 9112 §6.3: Transfer-Encoding or a Content-Length above 0). */
export function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** Sets req.body from a JSON body of at most `limitBytes`; leaves it undefined when there is no JSON body. */
export function jsonBody(limitBytes: number): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    // Content-Length: 0 included, read as {} as body-parser does.
    const bodyless = req.headers['transfer-encoding'] === undefined && req.headers['content-length'] === undefined;
    if (bodyless || !isJsonType(req.headers['content-type'])) return next();
    const declared = req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']);
    const refusal = unreadable(req, declared, limitBytes);
    if (refusal !== undefined) {
      // Answered without reading: Node discards the rest of the body.
      req.resume();
      return next(refusal);
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error !== undefined) {
        req.resume();
        return next(error);
      }
      next();
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) return settle(new errors.PGT_ERR_TOO_LARGE());
      chunks.push(chunk);
    };
    const onEnd = () => {
      if (declared !== undefined && received !== declared) {
        return settle(new errors.PGT_ERR_BAD_REQUEST({ message: 'the request body is shorter than its Content-Length' }));
      }
      try {
        req.body = parseStrict((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)).toString('utf8'));
      } catch (error) {
        return settle(new errors.PGT_ERR_BAD_JSON({ cause: error }));
      }
      settle();
    };
    const onError = (error: Error) => settle(new errors.PGT_ERR_BAD_REQUEST({ message: 'the request body could not be read', cause: error }));
    // Closed before 'end': the client went away mid-body.
    const onClose = () => settle(new errors.PGT_ERR_BAD_REQUEST({ message: 'the request was aborted before its body arrived' }));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  };
}

// What is refused from the headers alone.
function unreadable(req: Request, declared: number | undefined, limitBytes: number): Error | undefined {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    return new errors.PGT_ERR_UNSUPPORTED_MEDIA_TYPE({ message: `a compressed body (Content-Encoding: ${encoding.slice(0, 40)}) is not accepted` });
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return new errors.PGT_ERR_UNSUPPORTED_MEDIA_TYPE({ message: `the body must be UTF-8, not ${charset.slice(0, 40)}` });
  }
  if (declared !== undefined && declared > limitBytes) return new errors.PGT_ERR_TOO_LARGE();
  return undefined;
}

// body-parser's strict mode: only an object or an array, so a bare string or
// number is an error the client sees rather than a body no route expects.
function parseStrict(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = /\S/.exec(body)?.[0];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[') throw new SyntaxError(`a JSON body must be an object or an array, not one starting with ${JSON.stringify(first)}`);
  return JSON.parse(body);
}
