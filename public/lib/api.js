// The service's JSON API. Errors come back as {code, message, fix} (the
// catalogue in src/http/errors.ts); a failed request throws an ApiError with them.

export class ApiError extends Error {
  constructor({ status, code, message, fix }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fix = fix;
  }
}

async function request(method, path, body, accept) {
  try {
    return await fetch(path, {
      method,
      headers: body === undefined ? { accept } : { accept, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK', message: 'The service did not answer.', fix: 'Check that pgtriage is running, then try again.' });
  }
}

async function failure(response) {
  const payload = await response.json().catch(() => null);
  return new ApiError({ status: response.status, code: payload?.code, message: payload?.message ?? `${response.status} ${response.statusText}`, fix: payload?.fix });
}

export async function api(method, path, body) {
  const response = await request(method, path, body, 'application/json');
  if (!response.ok) throw await failure(response);
  return response.json();
}

/** A request answered with server-sent events (a refusal before the stream opens is a JSON error). */
export async function stream(method, path, body) {
  const response = await request(method, path, body, 'text/event-stream');
  if (!response.ok) throw await failure(response);
  return response;
}

export const conversations = {
  create: () => api('POST', '/api/conversations'),
  list: () => api('GET', '/api/conversations'),
  read: (id) => api('GET', `/api/conversations/${encodeURIComponent(id)}`),
  post: (id, body) => api('POST', `/api/conversations/${encodeURIComponent(id)}/messages`, body),
};
