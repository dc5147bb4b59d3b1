/**
 * @module
 * One question at a time per conversation: a second question while the first is being
 * answered is refused (the web answers 409), so answers never interleave. An interface, so
 * the Workers runtime can hold the lock in a Durable Object (src/entry/worker/coordinator.ts);
 * this one lives in memory, which is right for one Node process.
 */
export interface ConversationLocks {
  /** Claims the conversation; false when a question is already being answered in it. */
  acquire(conversationId: string): boolean | Promise<boolean>;
  /** Never throws: a lock that cannot be released expires by itself. */
  release(conversationId: string): void | Promise<void>;
}

export function createMemoryLocks(): ConversationLocks {
  const held = new Set<string>();
  return {
    acquire(id) {
      if (held.has(id)) return false;
      held.add(id);
      return true;
    },
    release: (id) => void held.delete(id),
  };
}
