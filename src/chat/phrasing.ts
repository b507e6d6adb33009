// Phrasing in the chat: each exchange that decided something (a triage, a
// verdict, an audit) gets a phrasing reply. Without a model it is complete at
// once (offline templates). With a model it is stored `pending`, the model is
// called after the exchange is recorded (the answer never waits for it), its
// guarded sections stream to whoever watches, and the final phrasing (model or
// offline) replaces the pending one in the store.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Phraser } from '../llm/phraser.ts';
import type { Phrasing, PhrasingJob, PhrasingSection } from '../llm/types.ts';
import type { ConversationStore } from '../store/conversation-store.ts';
import type { PhrasingReply } from './replies.ts';

/**
 * The stored body of a phrasing: the reply without its `text` (the sections
 * joined, rebuilt by replyOf: about 5 KB per triage) and, while it is pending,
 * the job to finish it offline after a restart. A complete one drops the job
 * (about 6 KB of facts per triage).
 */
export type StoredPhrasing = Omit<PhrasingReply, 'text'> & { text?: string; job?: PhrasingJob };
export type PendingPhrasing = StoredPhrasing & { job: PhrasingJob };

export function isPending(stored: StoredPhrasing): stored is PendingPhrasing {
  return stored.status === 'pending' && stored.job !== undefined;
}

export type PhrasingEvent = { event: 'section'; data: PhrasingSection } | { event: 'done'; data: PhrasingReply };
export type PhrasingListener = (event: PhrasingEvent) => void;

interface Run {
  sections: PhrasingSection[];
  listeners: Set<PhrasingListener>;
  done: PhrasingReply | null;
}

export interface PhrasingRuns {
  /** The reply for a job: complete (offline) when no model is configured, else pending. */
  begin(conversationId: string, job: PhrasingJob): StoredPhrasing;
  /** Calls the model for each pending phrasing; resolves when all are complete and stored. */
  run(conversationId: string, pending: readonly PendingPhrasing[]): Promise<void>;
  /** Replays what a phrasing has streamed so far, then follows it; returns the unsubscribe. */
  watch(stored: StoredPhrasing, conversationId: string, listener: PhrasingListener): () => void;
  /** A stored phrasing shown as a reply, finished offline when no run of it is alive (a restart). */
  settle(conversationId: string, stored: StoredPhrasing): Promise<PhrasingReply>;
  /** Stops every model call (offline phrasing, reason `shutdown`) and waits until each is stored. */
  close(): Promise<void>;
}

export function eventsPath(conversationId: string, phrasingId: string): string {
  return `/api/conversations/${conversationId}/phrasings/${phrasingId}/events`;
}

export function replyOf(stored: StoredPhrasing): PhrasingReply {
  const { job: _job, text: _text, ...reply } = stored;
  return { ...reply, text: textOf(stored.sections) };
}

/** A phrasing reply as kept in the store (an idempotent answer included): the text is rebuilt on the way out. */
export function storedOf(reply: PhrasingReply): StoredPhrasing {
  const { text: _text, ...stored } = reply;
  return stored;
}

export function createPhrasingRuns({ phraser, store, logger }: { phraser: Phraser; store: ConversationStore; logger: Logger }): PhrasingRuns {
  const runs = new Map<string, Run>();
  const active = new Set<Promise<void>>();
  const shutdown = new AbortController();

  function complete(base: StoredPhrasing, phrasing: Phrasing): StoredPhrasing {
    const { job: _job, ...reply } = base;
    return {
      ...reply,
      status: 'complete',
      source: phrasing.source,
      ...(phrasing.fallbackReason !== undefined ? { fallbackReason: phrasing.fallbackReason } : {}),
      sections: phrasing.sections,
    };
  }

  async function finish(conversationId: string, base: StoredPhrasing, phrasing: Phrasing): Promise<PhrasingReply> {
    const done = complete(base, phrasing);
    try {
      await store.updatePhrasing(conversationId, base.phrasingId, done);
    } catch (error) {
      // The reply still reaches whoever watches; a later read finishes it offline.
      logger.error({ phrasingId: base.phrasingId, errorName: (error as Error)?.name, errorCode: (error as { code?: string })?.code }, 'phrasing: could not store the finished phrasing');
    }
    return replyOf(done);
  }

  return {
    begin(conversationId, job) {
      const phrasingId = randomUUID();
      const base: StoredPhrasing = {
        type: 'phrasing',
        phrasingId,
        prompt: job.prompt,
        status: 'pending',
        source: null,
        sections: [],
        events: eventsPath(conversationId, phrasingId),
        job,
      };
      return phraser.usesModel ? base : complete(base, phraser.offline(job));
    },

    async run(conversationId, pending) {
      const all = Promise.all(
        pending.map(async (stored) => {
          const run: Run = { sections: [], listeners: new Set(), done: null };
          runs.set(stored.phrasingId, run);
          // Registered at once (a watcher finds it), started once the answer is on its way.
          await new Promise((resolve) => setImmediate(resolve));
          const phrasing = await phraser.phrase(stored.job, {
            signal: shutdown.signal,
            onSection: (section) => {
              run.sections.push(section);
              for (const listener of run.listeners) listener({ event: 'section', data: section });
            },
          });
          run.done = await finish(conversationId, stored, phrasing);
          for (const listener of run.listeners) listener({ event: 'done', data: run.done });
          runs.delete(stored.phrasingId);
        }),
      ).then(() => {});
      active.add(all);
      try {
        await all;
      } finally {
        active.delete(all);
      }
    },

    async close() {
      shutdown.abort();
      await Promise.allSettled([...active]);
    },

    watch(stored, conversationId, listener) {
      const run = runs.get(stored.phrasingId);
      if (run === undefined) {
        void this.settle(conversationId, stored).then((reply) => listener({ event: 'done', data: reply }));
        return () => {};
      }
      for (const section of run.sections) listener({ event: 'section', data: section });
      if (run.done !== null) {
        listener({ event: 'done', data: run.done });
        return () => {};
      }
      run.listeners.add(listener);
      return () => run.listeners.delete(listener);
    },

    async settle(conversationId, stored) {
      if (stored.status === 'complete' || runs.has(stored.phrasingId)) return replyOf(stored);
      // The row may have been read just before its run finished and left the map: read it again.
      const fresh = (await store.findPhrasing(conversationId, stored.phrasingId)) as StoredPhrasing | null;
      if (fresh !== null && (fresh.status === 'complete' || runs.has(fresh.phrasingId))) return replyOf(fresh);
      // Still pending with no run alive: the service restarted mid-phrasing.
      return isPending(stored) ? finish(conversationId, stored, phraser.offline(stored.job)) : replyOf(stored);
    },
  };
}

export function textOf(sections: readonly PhrasingSection[]): string {
  return sections.map((section) => `${section.heading}${section.verdict ? ` (${section.verdict.replace('_', ' ')})` : ''}\n${section.text}`).join('\n\n');
}
