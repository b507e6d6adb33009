// The service's JSON API. Errors come back as {code, message, fix} (the
// catalogue in src/errors.ts); a failed request throws an ApiError with them.
// With PGTRIAGE_TOKEN set on the service, every /api request carries the
// token the user gave this tab (sessionStorage only) as a bearer token.

const TOKEN_KEY = 'pgtriage.token';
// Messages per read. The server allows 500, which is also the most a
// conversation holds; smaller pages keep each answer small and well inside the
// request deadline on a slow store, and `nextAfter` brings the rest.
export const READ_PAGE_SIZE = 100;

export class ApiError extends Error {
  constructor({ status, code, message, fix, retryAfterSeconds = null }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fix = fix;
    /** From Retry-After on a 429 or 503: when the service will take the request again. */
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** No answer, a timeout, a busy or failed service, or a rate limit: the same request may succeed later. */
  get retryable() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }

  /** The service wants a bearer token this tab does not have (or has wrong). */
  get needsToken() {
    return this.status === 401;
  }
}

/** The bearer token of this tab: sessionStorage only, so it leaves with the tab and is never written to disk by the page. */
export const accessToken = {
  get: () => sessionStorage.getItem(TOKEN_KEY),
  set(value) {
    sessionStorage.setItem(TOKEN_KEY, value.trim());
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

/**
 * A fresh Idempotency-Key for one message. crypto.randomUUID exists only in a
 * secure context (https or loopback); over plain http on a LAN name the page
 * makes the same version 4 UUID from getRandomValues (RFC 9562 §5.4).
 */
export function newIdempotencyKey() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function request(method, path, { body, accept, headers = {} }) {
  const token = accessToken.get();
  try {
    return await fetch(path, {
      method,
      headers: {
        accept,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: 'The service did not answer.', fix: 'Check that pgtriage is running, then try again.' });
  }
}

async function failure(response) {
  const payload = await response.json().catch(() => null);
  const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
  return new ApiError({
    status: response.status,
    code: payload?.code,
    message: payload?.message ?? `${response.status} ${response.statusText}`,
    fix: payload?.fix,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : null,
  });
}

async function call(method, path, body, headers) {
  const response = await request(method, path, { body, accept: 'application/json', headers });
  if (!response.ok) throw await failure(response);
  return response;
}

export async function api(method, path, body) {
  return (await call(method, path, body)).json();
}

/** A request answered with server-sent events (a refusal before the stream opens is a JSON error). */
export async function stream(method, path, body) {
  const response = await request(method, path, { body, accept: 'text/event-stream' });
  if (!response.ok) throw await failure(response);
  return response;
}

const conversationPath = (id) => `/api/conversations/${encodeURIComponent(id)}`;

export const conversations = {
  create: () => api('POST', '/api/conversations'),
  list: () => api('GET', '/api/conversations'),

  /** The whole conversation: page after page (`nextAfter`) until the last; `state` is the last page's, the newest. */
  async read(id) {
    const messages = [];
    let after = 0;
    for (;;) {
      const page = await api('GET', `${conversationPath(id)}?after=${after}&limit=${READ_PAGE_SIZE}`);
      messages.push(...page.messages);
      // A cursor that does not move forward would loop: stop at what was read.
      if (page.nextAfter === null || page.nextAfter === undefined || page.nextAfter <= after) return { ...page, messages, nextAfter: null };
      after = page.nextAfter;
    }
  },

  /**
   * Posts one message under `idempotencyKey`: a retry with the same key gets
   * the first answer back (`replayed`) and is never stored twice.
   */
  async post(id, body, idempotencyKey) {
    const response = await call('POST', `${conversationPath(id)}/messages`, body, { 'idempotency-key': idempotencyKey });
    return { ...(await response.json()), replayed: response.headers.get('idempotent-replayed') === 'true' };
  },
};
