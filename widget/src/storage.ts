/**
 * @module
 * The conversation survives a reload in the same tab (sessionStorage: gone when the tab
 * closes, which suits shared computers). The key is namespaced by the API, so two widgets
 * of different services on one portal keep apart. Storage can be missing or full
 * (private modes, sandboxed frames): then the conversation simply does not persist.
 */
import type { Message } from './types.ts';

export interface Saved {
  conversationId: string | null;
  messages: Message[];
  open: boolean;
}

const MAX_MESSAGES = 60;

function key(api: string): string {
  return 'nq57-widget:v1:' + api;
}

function isMessage(m: unknown): m is Message {
  const x = m as Message | null;
  if (!x || typeof x.id !== 'string' || typeof x.text !== 'string') return false;
  return x.role === 'user' || (x.role === 'bot' && Array.isArray(x.sources) && Array.isArray(x.suggestions));
}

export function loadConversation(api: string): Saved {
  const empty: Saved = { conversationId: null, messages: [], open: false };
  try {
    const raw = JSON.parse(sessionStorage.getItem(key(api)) || 'null') as Partial<Saved> | null;
    if (!raw || !Array.isArray(raw.messages)) return empty;
    return {
      conversationId: typeof raw.conversationId === 'string' ? raw.conversationId : null,
      messages: raw.messages.filter(isMessage),
      open: raw.open === true,
    };
  } catch {
    return empty;
  }
}

export function saveConversation(api: string, saved: Saved): void {
  try {
    sessionStorage.setItem(key(api), JSON.stringify({ ...saved, messages: saved.messages.slice(-MAX_MESSAGES) }));
  } catch {
    // Not persisting is acceptable; breaking the conversation is not.
  }
}
