// One streamed Chat Completions call through the `openai` SDK (any
// OpenAI-compatible server: OpenAI, Azure, Ollama, vLLM, LM Studio,
// llama.cpp), under one deadline, with one bounded retry on 429 or 5xx before
// any text arrived. The SDK's own retries are off: they could outlast the deadline.
import OpenAI, { APIError, APIUserAbortError } from 'openai';
import type { ChatMessage } from './prompt-file.ts';

export interface ModelSettings {
  apiKey: string | null;
  /** null: the SDK's default, https://api.openai.com/v1. */
  baseUrl: string | null;
  model: string;
  /** The whole call, retry included. */
  timeoutMs: number;
}

export type ModelFailure = 'timeout' | 'rate_limited' | 'server_error' | 'request_failed' | 'malformed_stream';

export class ModelCallError extends Error {
  override readonly name = 'ModelCallError';
  readonly reason: ModelFailure;
  /** HTTP status of the failed response, when there was one. */
  readonly status: number | undefined;
  constructor({ reason, status, cause }: { reason: ModelFailure; status?: number; cause?: unknown }) {
    super(`model call failed: ${reason}${status !== undefined ? ` (HTTP ${status})` : ''}`, { cause });
    this.reason = reason;
    this.status = status;
  }
}

/** Longest wait before the one retry, whatever Retry-After asks. */
export const MAX_RETRY_DELAY_MS = 2000;

export interface ModelClient {
  /** Streams the answer's text to onText; throws ModelCallError. */
  stream(messages: ChatMessage[], options: { signal: AbortSignal; onText: (text: string) => void }): Promise<void>;
  /** The JSON body sent for these messages (what leaves the machine). */
  requestBody(messages: ChatMessage[]): Record<string, unknown>;
}

export function createModelClient(settings: ModelSettings): ModelClient {
  const client = new OpenAI({
    // Local servers (Ollama, llama.cpp) need no key, but the SDK insists on one.
    apiKey: settings.apiKey ?? 'no-key',
    ...(settings.baseUrl !== null ? { baseURL: settings.baseUrl } : {}),
    maxRetries: 0,
    timeout: settings.timeoutMs,
    // Failures are classified and logged by the phraser, without the text.
    logLevel: 'off',
  });
  const requestBody = (messages: ChatMessage[]) => ({ model: settings.model, messages, stream: true, temperature: 0.2 });

  return {
    requestBody,
    async stream(messages, { signal, onText }) {
      for (let attempt = 1; ; attempt++) {
        let received = false;
        try {
          const { data, response } = await client.chat.completions
            .create({ ...requestBody(messages), stream: true } as OpenAI.Chat.ChatCompletionCreateParamsStreaming, { signal })
            .withResponse();
          // A server that ignores `stream: true` answers one JSON completion.
          if (/application\/json/i.test(response.headers.get('content-type') ?? '')) {
            const whole = (await response.json()) as { choices?: { message?: { content?: unknown } }[] };
            const content = whole.choices?.[0]?.message?.content;
            if (typeof content !== 'string') throw new ModelCallError({ reason: 'malformed_stream' });
            onText(content);
            return;
          }
          for await (const chunk of data) {
            const delta = chunk.choices?.[0]?.delta?.content;
            if (typeof delta === 'string' && delta !== '') {
              received = true;
              onText(delta);
            }
          }
          // The SDK ends a stream quietly when its signal aborts.
          if (signal.aborted) throw new ModelCallError({ reason: 'timeout' });
          return;
        } catch (error) {
          const failure = error instanceof ModelCallError ? error : classify(error, signal);
          if (attempt === 1 && !received && (failure.reason === 'rate_limited' || failure.reason === 'server_error') && !signal.aborted) {
            await sleep(retryDelayMs(error), signal);
            if (!signal.aborted) continue;
            throw new ModelCallError({ reason: 'timeout', cause: error });
          }
          throw failure;
        }
      }
    },
  };
}

function classify(error: unknown, signal: AbortSignal): ModelCallError {
  if (signal.aborted || error instanceof APIUserAbortError || (error as Error)?.name === 'AbortError') return new ModelCallError({ reason: 'timeout', cause: error });
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    if (status === 429) return new ModelCallError({ reason: 'rate_limited', status, cause: error });
    if (status >= 500) return new ModelCallError({ reason: 'server_error', status, cause: error });
    return new ModelCallError({ reason: 'request_failed', status, cause: error });
  }
  // The SDK raises a SyntaxError for a `data:` line that is not JSON.
  if (error instanceof SyntaxError || /could not parse/i.test(String((error as Error)?.message))) return new ModelCallError({ reason: 'malformed_stream', cause: error });
  return new ModelCallError({ reason: 'request_failed', cause: error });
}

function retryDelayMs(error: unknown): number {
  const header = error instanceof APIError ? error.headers?.get('retry-after') : null;
  const seconds = header !== null && header !== undefined ? Number(header) : NaN;
  return Number.isFinite(seconds) ? Math.min(Math.max(seconds * 1000, 100), MAX_RETRY_DELAY_MS) : 500;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
