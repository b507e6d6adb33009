// What this instance last wrote to each conversation it served: the last seq
// and the runbook progress after that write. A post to such a conversation
// answers from it and writes with that seq expected (one round trip to the
// store instead of a read, then a write); when another exchange came first,
// from this instance or another one, the store writes nothing and the post
// reads afresh. Bounded: the conversations written longest ago are dropped.
import type { ProgressChange, RunbookProgressRow } from '../store/conversation-store.ts';

const DEFAULT_LIMIT = 1_000;

export interface LastWrite {
  ownerHash: string;
  lastSeq: number;
  progress: RunbookProgressRow | null;
}

export interface LastWritten {
  /** What was last written to this conversation, when it was this owner's. */
  get(conversationId: string, ownerHash: string): LastWrite | undefined;
  /** Records a committed exchange: the progress it left, from the one before and its change. */
  wrote(conversationId: string, write: { ownerHash: string; lastSeq: number; before: RunbookProgressRow | null; change: ProgressChange }): void;
  forget(conversationId: string): void;
}

export function lastWritten(limit = DEFAULT_LIMIT): LastWritten {
  // A Map iterates in insertion order: re-inserting on every write keeps the oldest first.
  const writes = new Map<string, LastWrite>();
  return {
    get(conversationId, ownerHash) {
      const write = writes.get(conversationId);
      return write?.ownerHash === ownerHash ? write : undefined;
    },
    wrote(conversationId, { ownerHash, lastSeq, before, change }) {
      writes.delete(conversationId);
      writes.set(conversationId, { ownerHash, lastSeq, progress: progressAfter(conversationId, before, change) });
      if (writes.size > limit) writes.delete(writes.keys().next().value!);
    },
    forget(conversationId) {
      writes.delete(conversationId);
    },
  };
}

function progressAfter(conversationId: string, before: RunbookProgressRow | null, change: ProgressChange): RunbookProgressRow | null {
  if (change.kind === 'keep') return before;
  if (change.kind === 'clear') return null;
  return { conversationId, ...change.progress, updatedAt: new Date() };
}
