/**
 * @module
 * A channel's incoming events, from the webhook's acknowledgement to the reply. `claim`
 * records the events before the platform gets its 200 (a duplicate finds its id and stops
 * there); `process` answers them after the response, one at a time per user and oldest
 * first (platforms reorder), through the same conversation service as the web. A user over
 * the rate limit gets one notice, then silence until the limit lets them ask again.
 * Events recorded but never answered (the process stopped, the index was loading, the
 * database busy) are picked up again by `resume`. An event whose answering had begun when
 * the process stopped is not (its reply may have gone out): from there, at most once.
 */
import { AppError } from '../../errors.ts';
import type { RateLimiter } from '../../http/rate-limit.ts';
import type { Logger } from '../../logger.ts';
import type { EventState, NewWebhookEvent, WebhookEventStore } from '../../store/webhook-events/types.ts';
import { StoreBusyError } from '../../store/write-queue.ts';
import { codePointLength } from '../../text/index.ts';
import { MAX_MESSAGE_CODE_POINTS } from '../web/schemas.ts';
import { answerMessages, textMessages, type OutgoingMessage } from './chat-text.ts';
import { FAILED_MESSAGE, FIRST_TOO_LONG_MESSAGE, rateLimitedMessage, TOO_LONG_MESSAGE, UNSUPPORTED_MESSAGE, WELCOME_MESSAGE } from './messages.ts';
import { PlatformError, sleep } from './platform-http.ts';
import type { InboundEvent, InboundKind, PlatformName, PlatformSender, WebhookEnv } from './types.ts';

/** An event still unanswered this long after it arrived is not being answered by anyone: it is tried again. */
const RESUME_AFTER_MS = 15_000;
/** Past this, a question is not answered any more (the citizen has moved on); it is recorded as expired. */
const GIVE_UP_MS = 3_600_000;
/** A lock held by another process is waited out this many times (100 ms apart) before the platform gets a 503. */
const CLAIM_TRIES = 3;
const MAX_NOTICED = 10_000;

export interface InboxDeps {
  channel: PlatformName;
  events: () => WebhookEventStore;
  sender: PlatformSender;
  /** Suggested questions as text under the answer (Zalo) or as quick replies (Messenger). */
  suggestions: 'text' | 'quick_replies';
  /** Per platform user; none: no limit. */
  limiter?: RateLimiter;
  now: () => Date;
  logger: Logger;
}

interface Queued {
  event: InboundEvent;
  done(): void;
}

/**
 * A user's text as an event: a question, or one longer than the assistant answers (as on
 * the web), whose text is not kept: it only gets the "too long" notice.
 */
export function questionEvent(text: string): Pick<InboundEvent, 'kind' | 'text'> {
  return codePointLength(text.normalize('NFC').trim()) > MAX_MESSAGE_CODE_POINTS ? { kind: 'too_long' } : { kind: 'text', text };
}

function readPayload(payload: string): { kind: InboundKind; text?: string } | null {
  try {
    const value = JSON.parse(payload) as { kind?: unknown; text?: unknown };
    const kinds: InboundKind[] = ['text', 'too_long', 'unsupported', 'welcome'];
    if (!kinds.includes(value.kind as InboundKind) || (value.kind === 'text' && typeof value.text !== 'string')) return null;
    return { kind: value.kind as InboundKind, text: typeof value.text === 'string' ? value.text : undefined };
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  if (error instanceof PlatformError) return error.message;
  if (error instanceof AppError) return error.code;
  return error instanceof Error ? error.name : 'unknown';
}

export function createInbox(deps: InboxDeps) {
  const { channel, logger } = deps;
  let env: Pick<WebhookEnv, 'conversations' | 'documents'> | null = null;
  /** Events queued or being answered in this process, so `resume` never answers one twice. */
  const inFlight = new Set<string>();
  const queues = new Map<string, Queued[]>();
  /** Until when a user over the limit has been told so (silence until then). */
  const noticed = new Map<string, number>();

  const toRecord = (e: InboundEvent, at: Date): NewWebhookEvent => ({
    channel,
    eventId: e.eventId,
    userId: e.userId,
    occurredAt: new Date(Math.min(e.occurredAt, at.getTime())).toISOString(),
    receivedAt: at.toISOString(),
    state: e.kind === 'interaction' ? 'ignored' : 'received',
    payload: e.kind === 'interaction' ? null : JSON.stringify({ kind: e.kind, text: e.text }),
  });

  /** Records the events (before the 200) and returns the ones to answer: never seen, not mere interactions. */
  async function claim(events: readonly InboundEvent[]): Promise<InboundEvent[]> {
    const unique = [...new Map(events.map((e) => [e.eventId, e])).values()];
    if (unique.length === 0) return [];
    const records = unique.map((e) => toRecord(e, deps.now()));
    for (let attempt = 1; ; attempt++) {
      try {
        const fresh = new Set((await deps.events().claim(records)).map((r) => r.eventId));
        return unique.filter((e) => fresh.has(e.eventId) && e.kind !== 'interaction');
      } catch (error) {
        if (!(error instanceof StoreBusyError)) throw error;
        if (attempt >= CLAIM_TRIES) throw new AppError('not_ready', 'The event could not be recorded; deliver it again.', 5, { cause: error });
        await sleep(100);
      }
    }
  }

  function mark(event: InboundEvent, state: Exclude<EventState, 'ignored'>, error: string | null = null): Promise<void> {
    return deps
      .events()
      .mark(channel, event.eventId, state, deps.now().toISOString(), error)
      .catch((cause: unknown) => logger.error('could not record the state of a webhook event', { channel, eventId: event.eventId, state, error: describe(cause) }));
  }

  /** null: answer; 'silent': drop; otherwise the one notice to send. */
  async function rateDecision(userId: string): Promise<string | 'silent' | null> {
    if (!deps.limiter) return null;
    const decision = await deps.limiter.take(`${channel} ${userId}`);
    if (decision.allowed) return null;
    const now = deps.now().getTime();
    if ((noticed.get(userId) ?? 0) > now) return 'silent';
    if (noticed.size >= MAX_NOTICED) for (const [user, until] of noticed) if (until <= now || noticed.size >= MAX_NOTICED) noticed.delete(user);
    noticed.set(userId, now + decision.retryAfterSeconds * 1000);
    return rateLimitedMessage(decision.retryAfterSeconds);
  }

  /** Whether the user has no conversation yet (when that cannot be told, yes: saying who answers twice beats never). */
  async function isFirstReply(userId: string, bound: NonNullable<typeof env>): Promise<boolean> {
    try {
      return await bound.conversations().isNewUser(channel, userId);
    } catch {
      return true;
    }
  }

  async function reply(event: InboundEvent, bound: NonNullable<typeof env>): Promise<{ messages: OutgoingMessage[]; state: Exclude<EventState, 'ignored'>; error?: string } | null> {
    const notice = await rateDecision(event.userId);
    if (notice === 'silent') return { messages: [], state: 'limited' };
    if (notice) return { messages: textMessages(notice), state: 'limited' };
    if (event.kind === 'unsupported') return { messages: textMessages(UNSUPPORTED_MESSAGE), state: 'answered' };
    if (event.kind === 'welcome') return { messages: textMessages(WELCOME_MESSAGE), state: 'answered' };
    const text = (event.text ?? '').normalize('NFC').trim();
    if (event.kind === 'too_long' || codePointLength(text) > MAX_MESSAGE_CODE_POINTS) {
      // Perhaps the first thing the user gets: then it says who is answering.
      return { messages: textMessages((await isFirstReply(event.userId, bound)) ? FIRST_TOO_LONG_MESSAGE : TOO_LONG_MESSAGE), state: 'answered' };
    }
    const typing = deps.sender.typing?.(event.userId, event.eventId).catch(() => undefined);
    try {
      const result = await bound.conversations().ask({ channel, externalUserId: event.userId, message: text });
      await typing;
      return { messages: answerMessages(result, bound.documents(), { disclose: result.isNew, suggestions: deps.suggestions }), state: 'answered' };
    } catch (error) {
      // Not answerable yet (the index loading, the database busy): left for `resume`.
      if (error instanceof AppError && (error.code === 'not_ready' || error.code === 'conflict')) return null;
      // Where it failed, without the message: an error's text might quote the question.
      logger.error('a platform question could not be answered', { channel, eventId: event.eventId, error: describe(error), at: error instanceof Error ? error.stack?.split('\n').slice(1, 6).join('\n') : undefined });
      return { messages: textMessages(FAILED_MESSAGE), state: 'failed', error: 'answer failed' };
    }
  }

  async function handle(event: InboundEvent): Promise<void> {
    const bound = env;
    if (!bound) return;
    await mark(event, 'answering');
    const planned = await reply(event, bound);
    if (!planned) {
      await mark(event, 'received');
      logger.info('a platform question waits: the service is not ready to answer', { channel, eventId: event.eventId });
      return;
    }
    try {
      if (planned.messages.length > 0) await deps.sender.send(event.userId, planned.messages, event.eventId);
      await mark(event, planned.state, planned.error ?? null);
    } catch (error) {
      logger.warn('a reply could not be sent', { channel, eventId: event.eventId, error: describe(error) });
      await mark(event, 'failed', describe(error));
    }
  }

  async function drain(userId: string, queue: Queued[]): Promise<void> {
    for (let item = queue.shift(); item; item = queue.shift()) {
      try {
        await handle(item.event);
      } catch (error) {
        logger.error('a webhook event could not be handled', { channel, eventId: item.event.eventId, error: describe(error) });
      } finally {
        item.done();
      }
    }
    queues.delete(userId);
  }

  function enqueue(event: InboundEvent): Promise<void> {
    if (inFlight.has(event.eventId)) return Promise.resolve();
    inFlight.add(event.eventId);
    return new Promise((resolve) => {
      const item: Queued = { event, done: () => (inFlight.delete(event.eventId), resolve()) };
      const queue = queues.get(event.userId);
      if (!queue) {
        const fresh = [item];
        queues.set(event.userId, fresh);
        void drain(event.userId, fresh);
        return;
      }
      // Platforms do not promise order: a user's waiting questions are answered oldest first.
      const at = queue.findIndex((q) => q.event.occurredAt > event.occurredAt);
      if (at < 0) queue.push(item);
      else queue.splice(at, 0, item);
    });
  }

  return {
    claim,
    /** Answers claimed events after the response; resolves when all are handled. A batch is queued oldest first. */
    process: (events: readonly InboundEvent[]) => Promise.all([...events].sort((a, b) => a.occurredAt - b.occurredAt).map(enqueue)).then(() => undefined),
    bind(bound: Pick<WebhookEnv, 'conversations' | 'documents'>) {
      env = bound;
    },
    /** Answers the events recorded earlier but never answered; expires those too old to answer now. */
    async resume(): Promise<number> {
      if (!env) return 0;
      const now = deps.now().getTime();
      const due: InboundEvent[] = [];
      for (const w of await deps.events().waiting(channel, new Date(now - RESUME_AFTER_MS).toISOString(), 100)) {
        if (inFlight.has(w.eventId)) continue;
        const payload = readPayload(w.payload);
        const event: InboundEvent = { channel, eventId: w.eventId, userId: w.userId, occurredAt: Date.parse(w.occurredAt), kind: payload?.kind ?? 'text', text: payload?.text };
        if (!payload) {
          logger.error('a recorded platform event cannot be read and is given up', { channel, eventId: w.eventId });
          await mark(event, 'failed', 'unreadable record');
        } else if (Date.parse(w.receivedAt) < now - GIVE_UP_MS) {
          logger.warn('a platform question was never answered and is now too old to answer', { channel, eventId: w.eventId });
          await mark(event, 'expired');
        } else due.push(event);
      }
      if (due.length > 0) logger.info('answering platform questions recorded earlier', { channel, count: due.length });
      await Promise.all(due.map(enqueue));
      return due.length;
    },
  };
}

export type Inbox = ReturnType<typeof createInbox>;
