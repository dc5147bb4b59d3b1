/**
 * @module
 * The widget's view of the HTTP contract (`docs/API.md`) and its message model.
 * A message is identified by its id so that a later feature can add or replace messages
 * that arrive out of band (staff answers, `method: "staff"`, fetched by polling): the view
 * upserts by id and renders a staff answer like any other bot message, with its own label.
 */

export type Outcome = 'answered' | 'no_answer' | 'out_of_scope' | 'refused';
export type Method = 'faq' | 'extractive' | 'llm' | 'staff' | 'none';
export type Rating = 'up' | 'down';

export interface Source {
  documentId: string;
  title: string;
  section: string | null;
  url: string | null;
}

/** The `done` event and the JSON answer (fields the widget uses). */
export interface ChatResponse {
  conversationId: string;
  messageId: string;
  outcome: Outcome;
  method: Method;
  answer: string;
  sources: Source[];
  suggestions: string[];
}

export interface UserMessage {
  role: 'user';
  id: string;
  text: string;
}

export interface BotMessage {
  role: 'bot';
  /** The server's messageId: feedback refers to it. */
  id: string;
  text: string;
  outcome: Outcome;
  method: Method;
  sources: Source[];
  suggestions: string[];
  rating?: Rating;
}

export type Message = UserMessage | BotMessage;

export function toBotMessage(r: ChatResponse): BotMessage {
  return {
    role: 'bot',
    id: r.messageId,
    text: r.answer,
    outcome: r.outcome,
    method: r.method,
    // The passage text is not shown (the answer quotes it) and would bloat sessionStorage.
    sources: (r.sources || []).map((s) => ({ documentId: s.documentId, title: s.title, section: s.section, url: s.url })),
    suggestions: r.suggestions || [],
  };
}
