/**
 * @module
 * The stores of the chat-platform channels (Zalo, Messenger), beside the conversation store
 * and the staff workspace's. SQLite on Node (sqlite-stores.ts), D1 on Workers (d1/stores.ts).
 */
import type { ChannelTokenStore } from './channel-tokens/types.ts';
import type { WebhookEventStore } from './webhook-events/types.ts';

export interface ChannelStores {
  events: WebhookEventStore;
  tokens: ChannelTokenStore;
}
