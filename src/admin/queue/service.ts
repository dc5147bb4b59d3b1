/**
 * @module
 * The review queue: brings new questions in (declined, rated down, answered with low
 * confidence), groups them, and lets staff answer a group once for everyone in it, turn it
 * into an FAQ draft, mark it out of scope, dismiss it, or move a question out of it.
 */
import { POLICY } from '../../answer/policy.ts';
import { AppError } from '../../errors.ts';
import type { NewOutboxMessage } from '../../store/outbox/types.ts';
import { GroupStateError, type GroupStatus, type ReviewGroup, type ReviewItem, type ReviewReason } from '../../store/review/types.ts';
import { codePointLength, redactPersonalData } from '../../text/index.ts';
import type { StaffPrincipal } from '../auth/authenticate.ts';
import { auditRecord, type WorkspaceContext } from '../context.ts';
import type { FaqService } from '../faq/service.ts';
import type { CreateFaqInput } from '../faq/schemas.ts';
import type { SettingsService } from '../settings/registry.ts';
import { foldQuestion, placeInGroups, questionTerms } from './grouping.ts';

/**
 * An extractive or generated answer whose best passage covered less of the question than this
 * was given only because the question is on the service's subject: the policy's coverageMin,
 * the coverage that answers any question.
 */
const LOW_CONFIDENCE = POLICY.coverageMin;
/** A draft made from a group is prefilled with at most this many citizens' phrasings, each at most this long (longer ones tell more about the asker). */
export const DRAFT_ALTERNATIVES = 5;
export const DRAFT_PHRASING_MAX = 150;
const BATCH = 500;
/** Exchanges written late (a lock held the write queue) are still picked up within this. */
const OVERLAP_MS = 3_600_000;
const FIRST_SYNC_OVERLAP_MS = 86_400_000;

const stateError = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (error instanceof GroupStateError) throw new AppError('conflict', 'Nhóm câu hỏi này vừa được người khác xử lý. Hãy tải lại trang.', undefined, { cause: error });
    throw error;
  }
};

export function createQueueService(ctx: WorkspaceContext, faq: FaqService, settings: SettingsService) {
  const review = () => ctx.stores().review;
  let syncedUntil: string | null = null;
  let syncing: Promise<number> | null = null;

  async function syncOnce(): Promise<number> {
    const started = ctx.now().getTime();
    const last = syncedUntil ?? (await review().lastAskedAt());
    const since = syncedUntil ?? (last ? new Date(Date.parse(last) - FIRST_SYNC_OVERLAP_MS).toISOString() : '');
    let added = 0;
    for (;;) {
      const candidates = await review().candidates(since, LOW_CONFIDENCE, BATCH);
      if (candidates.length === 0) break;
      const placed = placeInGroups(candidates, await review().openGroups(), ctx.newId);
      await review().addItems(placed.groups, placed.items);
      added += candidates.length;
      if (candidates.length < BATCH) break;
    }
    syncedUntil = new Date(started - OVERLAP_MS).toISOString();
    return added;
  }

  /** Brings in the questions asked since the last look; one run at a time. */
  function sync(): Promise<number> {
    syncing ??= syncOnce().finally(() => (syncing = null));
    return syncing;
  }

  async function group(id: string): Promise<ReviewGroup> {
    const found = await review().getGroup(id);
    if (!found) throw new AppError('not_found', 'Không có nhóm câu hỏi này.');
    return found;
  }

  return {
    sync,

    async list(filter: { status: GroupStatus | 'all'; reason?: ReviewReason; q?: string }) {
      await sync();
      const words = foldQuestion(filter.q ?? '').split(' ').filter(Boolean);
      const groups = await review().listGroups({ status: filter.status === 'all' ? undefined : filter.status, reason: filter.reason, limit: 500 });
      return groups.filter((g) => words.every((w) => g.folded.includes(w)));
    },

    async detail(id: string): Promise<{ group: ReviewGroup; items: ReviewItem[]; answers: Awaited<ReturnType<ReturnType<typeof review>['answers']>> }> {
      await sync();
      return { group: await group(id), items: await review().items(id), answers: await review().answers(id) };
    },

    /** Sends one answer to every citizen whose question is in the group, in the conversation where they asked. */
    async answer(actor: StaffPrincipal, id: string, text: string): Promise<{ recipients: number }> {
      const g = await group(id);
      if (g.status !== 'open') throw new AppError('conflict', 'Chỉ trả lời được nhóm đang chờ xử lý.');
      const { staffSignature } = await settings.read();
      const body = staffSignature ? `${text}\n\n${staffSignature}` : text;
      const at = ctx.now().toISOString();
      const answerId = ctx.newId();
      // One message per conversation, in reply to its latest question in the group.
      const latest = new Map<string, ReviewItem>();
      for (const item of await review().items(id)) latest.set(item.conversationId, item);
      const messages: NewOutboxMessage[] = [...latest.values()].map((item) => ({
        id: ctx.newId(),
        conversationId: item.conversationId,
        channel: item.channel,
        externalUserId: item.externalUserId,
        inReplyTo: item.messageId,
        staffAnswerId: answerId,
        text: body,
        createdAt: at,
      }));
      await stateError(() =>
        review().answer(
          { id: answerId, groupId: id, text: body, author: actor.user.username, createdAt: at },
          messages,
          // The group's title is a citizen's question: the audit log keeps no citizen's words (they go with retention and erasure).
          auditRecord(ctx, actor.actor, 'answer.send', id, { status: g.status }, { status: 'answered', text: body, recipients: messages.length, channels: [...new Set(messages.map((m) => m.channel))] }),
        ),
      );
      ctx.dispatchOutbox();
      return { recipients: messages.length };
    },

    /**
     * What a draft made from the group starts with: its question, a few of its other phrasings,
     * the staff answer. The phrasings are citizens' words and a saved draft outlives the
     * retention purge and erasure (staff curate it, README "Personal data"): only short ones,
     * redacted, and at most DRAFT_ALTERNATIVES of them, for staff to edit before saving.
     * `known`: the group as `detail` already read it (the group page), not read again.
     */
    async draftDefaults(id: string, known?: { group: ReviewGroup; items: ReviewItem[]; answers: Array<{ text: string }> }) {
      const g = known?.group ?? (await group(id));
      const items = known?.items ?? (await review().items(id));
      const answers = known?.answers ?? (await review().answers(id));
      const question = redactPersonalData(g.question);
      const seen = new Set([foldQuestion(question)]);
      const alternatives: string[] = [];
      for (const item of items) {
        if (alternatives.length >= DRAFT_ALTERNATIVES) break;
        const phrasing = redactPersonalData(item.question).trim();
        const key = foldQuestion(phrasing);
        if (seen.has(key) || codePointLength(phrasing) > DRAFT_PHRASING_MAX) continue;
        seen.add(key);
        alternatives.push(phrasing);
      }
      return { question, alternatives, answer: answers.at(-1)?.text ?? '', agency: ctx.defaultAgency };
    },

    /** Turns the group into an FAQ draft in one step (it then goes through review like any entry). */
    async draft(actor: StaffPrincipal, id: string, input: CreateFaqInput) {
      const g = await group(id);
      if (g.faqEntryId) throw new AppError('conflict', `Nhóm này đã có bản nháp FAQ "${g.faqEntryId}".`);
      const entry = await faq.create(actor, { ...input, note: input.note ?? `tạo từ nhóm câu hỏi ${id}` });
      await review().linkDraft(id, entry.id);
      return entry;
    },

    async resolve(actor: StaffPrincipal, id: string, status: Extract<GroupStatus, 'out_of_scope' | 'dismissed' | 'open'>) {
      const g = await group(id);
      await stateError(() => review().resolve(id, status, actor.user.username, ctx.now().toISOString(), auditRecord(ctx, actor.actor, 'queue.resolve', id, { status: g.status }, { status })));
    },

    /** Moves one question into a group of its own: it was not the same question. */
    async split(actor: StaffPrincipal, id: string, messageId: string): Promise<string> {
      const item = (await review().items(id)).find((i) => i.messageId === messageId);
      if (!item) throw new AppError('not_found', 'Câu hỏi này không thuộc nhóm.');
      const newGroup = { id: ctx.newId(), question: item.question, terms: questionTerms(item.question), folded: foldQuestion(item.question) };
      await stateError(() => review().splitItem(messageId, newGroup, auditRecord(ctx, actor.actor, 'queue.split', id, { group: id, messageId }, { group: newGroup.id, messageId })));
      return newGroup.id;
    },
  };
}

export type QueueService = ReturnType<typeof createQueueService>;
