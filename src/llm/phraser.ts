// The phraser: offline templates always, the model when one is configured.
// The model's text is read section by section, each section guarded before it
// is handed on; any failure (HTTP, timeout, malformed stream, guard) drops the
// model's text for the offline phrasing and logs the reason, never the text.
import type { Logger } from 'pino';
import { withoutWithheld } from './facts.ts';
import { checkSection, checkStructure, guardContextFor } from './guard.ts';
import { createModelClient, ModelCallError, type ModelClient, type ModelSettings } from './model-client.ts';
import { readPromptTemplate, renderMessages, type ChatMessage, type PromptTemplate } from './prompt-file.ts';
import { PROMPTS } from './prompts/registry.ts';
import { SectionReader } from './sections.ts';
import { PROMPT_IDS, type FallbackReason, type Phrasing, type PhrasingJob, type PhrasingSection, type PromptId } from './types.ts';

/** Model calls running at once; more are phrased offline at once (reason `busy`). */
export const DEFAULT_MAX_IN_FLIGHT = 8;

export interface Phraser {
  /** A model is configured. */
  readonly usesModel: boolean;
  offline(job: PhrasingJob, fallbackReason?: FallbackReason): Phrasing;
  /** The model's phrasing (each guarded section to onSection as it completes), or the offline one. Never rejects. */
  phrase(job: PhrasingJob, options?: { onSection?: (section: PhrasingSection) => void; signal?: AbortSignal }): Promise<Phrasing>;
  /** The messages sent for a job: the prompt over the facts, configuration values withheld. */
  messagesFor(job: PhrasingJob): ChatMessage[];
}

export interface PhraserOptions {
  /** null: offline templates only. */
  model: ModelSettings | null;
  logger: Logger;
  /** Values from the configuration that must never leave (API key, token, database URLs and their passwords). */
  withheld?: readonly string[];
  maxInFlight?: number;
  client?: ModelClient;
}

export function createPhraser({ model, logger, withheld = [], maxInFlight = DEFAULT_MAX_IN_FLIGHT, client }: PhraserOptions): Phraser {
  const templates = Object.fromEntries(PROMPT_IDS.map((id) => [id, readPromptTemplate(id)])) as Record<PromptId, PromptTemplate>;
  const modelClient = model === null ? null : (client ?? createModelClient(model));
  let inFlight = 0;

  function offline(job: PhrasingJob, fallbackReason?: FallbackReason): Phrasing {
    const prompt = PROMPTS[job.prompt];
    return {
      prompt: job.prompt,
      source: 'offline',
      sections: job.sections.map((section) => ({ ...section, text: prompt.offline(job.facts, section) })),
      ...(fallbackReason !== undefined ? { fallbackReason } : {}),
    };
  }

  function messagesFor(job: PhrasingJob): ChatMessage[] {
    return renderMessages(templates[job.prompt], job.facts).map((m) => ({ ...m, content: withoutWithheld(m.content, withheld) }));
  }

  function dropped(job: PhrasingJob, reason: FallbackReason, details: Record<string, unknown> = {}): Phrasing {
    logger.warn({ prompt: job.prompt, reason, ...details }, 'phrasing: model text dropped, offline templates used');
    return offline(job, reason);
  }

  return {
    usesModel: modelClient !== null,
    offline,
    messagesFor,
    async phrase(job, { onSection, signal: shutdown } = {}) {
      if (modelClient === null || model === null) return offline(job);
      if (shutdown?.aborted) return dropped(job, 'shutdown');
      if (inFlight >= maxInFlight) return dropped(job, 'busy', { inFlight });
      inFlight++;
      const ctx = guardContextFor(job, withheld);
      const reader = new SectionReader();
      const accepted: PhrasingSection[] = [];
      const stop = new AbortController();
      // The deadline is a timer of our own on `stop`: Node 20 lets garbage collection take an
      // AbortSignal.timeout() that only AbortSignal.any() refers to, and then it never fires
      // (nodejs/node#57736), which left a silent stream to undici's 300 s body timeout.
      const deadline = setTimeout(() => stop.abort(), model.timeoutMs);
      const signal = shutdown ? AbortSignal.any([stop.signal, shutdown]) : stop.signal;
      let failure: { reason: FallbackReason; section?: string } | null = null;
      let chars = 0;
      const maxChars = job.sections.length * 1500 + 2000;

      const take = (closed: { key: string; text: string }[]) => {
        for (const raw of closed) {
          if (failure !== null) return;
          const expected = job.sections[accepted.length];
          const reason = expected === undefined || raw.key !== expected.key ? 'structure' : checkSection(raw.text, expected, ctx);
          if (reason !== null || expected === undefined) {
            failure = { reason: `guard:${reason ?? 'structure'}`, section: expected?.key };
            stop.abort();
            return;
          }
          const section = { ...expected, text: raw.text };
          accepted.push(section);
          onSection?.(section);
        }
      };

      try {
        await modelClient.stream(messagesFor(job), {
          signal,
          onText: (text) => {
            if (failure !== null) return;
            chars += text.length;
            if (chars > maxChars) {
              failure = { reason: 'guard:too_long' };
              stop.abort();
              return;
            }
            take(reader.push(text));
          },
        });
        if (failure === null) take(reader.end());
        if (failure === null) {
          const structure = checkStructure(accepted.map((s) => s.key), ctx);
          if (structure !== null) failure = { reason: `guard:${structure}` };
        }
      } catch (error) {
        if (failure === null) failure = { reason: shutdown?.aborted ? 'shutdown' : error instanceof ModelCallError ? error.reason : 'request_failed' };
      } finally {
        clearTimeout(deadline);
        inFlight--;
      }
      if (failure !== null) {
        const { reason, section } = failure as { reason: FallbackReason; section?: string };
        return dropped(job, reason, { ...(section !== undefined ? { section } : {}), sectionsShown: accepted.length });
      }
      return { prompt: job.prompt, source: 'model', sections: accepted };
    },
  };
}

/** The model settings when a key or a base URL is configured; null: offline templates only. */
export function modelSettingsFrom(openai: { apiKey: string | null; baseUrl: string | null; model: string; timeoutMs: number }): ModelSettings | null {
  return openai.apiKey === null && openai.baseUrl === null ? null : { ...openai };
}

/** The configuration values phrasing must never send: secrets and the database URLs with their passwords. */
export function withheldFromConfig(config: { openai: { apiKey: string | null }; token: string | null; databaseUrl: string | null; storeUrl: string | null }): string[] {
  const values = [config.openai.apiKey, config.token, config.databaseUrl, config.storeUrl];
  for (const url of [config.databaseUrl, config.storeUrl]) {
    if (url === null || !URL.canParse(url)) continue;
    const password = new URL(url).password;
    if (password !== '') values.push(password, decodedOrSame(password));
  }
  return values.filter((value): value is string => value !== null && value !== '');
}

function decodedOrSame(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
