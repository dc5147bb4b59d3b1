/**
 * @module
 * Wrappers around a real store for the cases a real store cannot produce on demand: an
 * exchange held mid-save (to observe the one-question-at-a-time rule) and a save that fails.
 */
import type { Store } from '../src/store/types.ts';

/** Holds every `saveExchange` until `release()`; `entered` resolves when the first one arrives. */
export function gateStore(store: Store): { store: Store; entered: Promise<void>; release: () => void } {
  let markEntered: () => void = () => {};
  let open: () => void = () => {};
  const entered = new Promise<void>((resolve) => (markEntered = resolve));
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    entered,
    release: () => open(),
    store: {
      ...store,
      async saveExchange(record) {
        markEntered();
        await gate;
        return store.saveExchange(record);
      },
    },
  };
}

/** A detail that must never reach a client: a path, a stack-like line, the word prompt. */
export const SECRET_DETAIL = 'SQLITE_IOERR at saveExchange (/work/main/node_modules/secret.ts:12:3) system prompt leaked';

/** A store whose `saveExchange` throws an error full of internal detail. */
export function failingStore(store: Store): Store {
  return {
    ...store,
    async saveExchange() {
      throw new Error(SECRET_DETAIL);
    },
  };
}
