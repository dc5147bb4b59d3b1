/**
 * @module
 * What the chat-platform channels (Zalo, Messenger) share: an incoming event reduced to
 * what answering needs, the sender each platform implements, what the app lends a channel
 * when mounting its webhook, and the channel as the app and the entries see it.
 */
import type { Context, Hono } from 'hono';
import type { ChannelDelivery } from '../../conversation/outbox.ts';
import type { Background } from '../../conversation/background.ts';
import type { ConversationService } from '../../conversation/service.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import type { DocumentMeta } from '../../ingest/types.ts';
import type { Logger } from '../../logger.ts';
import type { ChannelStores } from '../../store/channels.ts';
import type { OutgoingMessage } from './chat-text.ts';
import type { Fetch, RetryPolicy } from './platform-http.ts';

export type PlatformName = 'zalo' | 'messenger';

/**
 * `text`: a question; `too_long`: a question over the length the assistant answers (its
 * text is not kept; it gets the "too long" notice); `unsupported`: a message the assistant
 * cannot read (image, sticker…); `welcome`: the user opened the conversation (Messenger's
 * Get Started); `interaction`: nothing to answer, kept only because it opens the
 * platform's messaging window (a follow).
 */
export type InboundKind = 'text' | 'too_long' | 'unsupported' | 'welcome' | 'interaction';

export interface InboundEvent {
  channel: PlatformName;
  /** The platform's event id (Zalo `msg_id`, Messenger `mid`): an event is answered once. */
  eventId: string;
  /** The platform user (Zalo user id as the OA sees it, Messenger PSID). */
  userId: string;
  /** When the user acted, epoch milliseconds by the platform's clock. */
  occurredAt: number;
  kind: InboundKind;
  text?: string;
}

export interface PlatformSender {
  /** A sign that an answer is coming (Messenger's typing indicator); best effort. */
  typing?(userId: string, ref: string): Promise<void>;
  /** Sends the messages in order, each retried as the platform allows; throws PlatformError. `ref` names the event in logs. */
  send(userId: string, messages: OutgoingMessage[], ref: string): Promise<void>;
}

/** What the app lends a channel: the conversation service and documents being served, and "run after the response". */
export interface WebhookEnv {
  conversations(): ConversationService;
  documents(): Map<string, DocumentMeta>;
  background(c: Context): Background;
}

export interface PlatformChannel {
  readonly channel: PlatformName;
  /** Adds the channel's webhook routes to the app. */
  mount(app: Hono, env: WebhookEnv): void;
  /** Pushes staff answers from the outbox to the platform user, within the platform's window. */
  delivery: ChannelDelivery;
  /** Periodic upkeep: keeps tokens fresh, answers events recorded but never answered (a crash, a busy database). */
  maintain(): Promise<void>;
}

/** What a channel is built with. */
export interface ChannelDeps {
  /** Outgoing HTTP (the platforms' APIs). */
  fetch: Fetch;
  stores: () => ChannelStores;
  /** Per platform user; none: no limit. */
  limiter?: RateLimiter;
  now: () => Date;
  logger: Logger;
  retry?: RetryPolicy;
}
