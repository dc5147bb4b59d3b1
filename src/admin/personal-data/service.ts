/**
 * @module
 * A citizen's request about their data (Law 91/2025 on personal data: to see it, to have it
 * erased), handled by an admin: what is stored about them, all of it as JSON, or none of it
 * left. Both are audited with who did it and how much, never with the data or the citizen's
 * id: the audit names the citizen by a digest of the id (`reference`), which the pages show
 * so the agency can note it in its register of requests.
 */
import { AppError } from '../../errors.ts';
import type { CitizenData, CitizenKey, RemovedCounts } from '../../store/personal-data/types.ts';
import { StoreBusyError } from '../../store/write-queue.ts';
import type { StaffPrincipal } from '../auth/authenticate.ts';
import { sha256 } from '../auth/secret-text.ts';
import { auditRecord, type WorkspaceContext } from '../context.ts';
import { foldQuestion, questionTerms } from '../queue/grouping.ts';

export interface CitizenSummary {
  reference: string;
  conversations: number;
  questions: number;
  feedback: number;
  staffMessages: number;
  webhookEvents: number;
  firstAt: string | null;
  lastAt: string | null;
}

export interface CitizenExport extends CitizenData {
  reference: string;
  exportedAt: string;
  subject: CitizenKey;
}

const NOTHING = 'Không có dữ liệu nào được lưu về người này (mã cuộc trò chuyện hoặc mã người dùng không đúng, hoặc dữ liệu đã được xoá).';

/** A review group keeps a question that stays as its title, analysed as the queue does. */
export const titleGroup = (question: string) => ({ terms: questionTerms(question), folded: foldQuestion(question) });

/** Names a citizen in the audit log without their id: 96 bits of SHA-256 over what identifies them. */
async function citizenReference(key: CitizenKey): Promise<string> {
  const text = 'userId' in key ? `${key.channel}:${key.userId}` : `conversation:${key.conversationId}`;
  return `sha256:${(await sha256(`nq57-citizen:${text}`)).slice(0, 16)}`;
}

function summarise(reference: string, data: CitizenData): CitizenSummary {
  const times = [...data.conversations.map((c) => c.createdAt), ...data.exchanges.map((e) => e.createdAt), ...data.staffMessages.map((m) => m.createdAt)].sort();
  return {
    reference,
    conversations: data.conversations.length,
    questions: data.exchanges.length,
    feedback: data.exchanges.filter((e) => e.feedback).length,
    staffMessages: data.staffMessages.length,
    webhookEvents: data.webhookEvents.length,
    firstAt: times[0] ?? null,
    lastAt: times.at(-1) ?? null,
  };
}

const isEmpty = (d: CitizenData) => d.conversations.length + d.exchanges.length + d.staffMessages.length + d.webhookEvents.length === 0;

export function createPersonalDataService(ctx: WorkspaceContext) {
  const store = () => {
    const found = ctx.stores().personalData;
    if (!found) throw new AppError('not_ready', 'Việc tra cứu, xoá dữ liệu người dân chưa có trên nền tảng đang chạy.');
    return found;
  };
  const busy = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof StoreBusyError) throw new AppError('not_ready', 'Cơ sở dữ liệu đang bận. Vui lòng thử lại sau ít giây.', 5, { cause: error });
      throw error;
    }
  };

  return {
    /** What is stored (counts and dates only): nothing leaves, nothing is audited. */
    async lookup(key: CitizenKey): Promise<CitizenSummary> {
      const data = await store().find(key);
      if (isEmpty(data)) throw new AppError('not_found', NOTHING);
      return summarise(await citizenReference(key), data);
    },

    /** Every stored message of the citizen; the hand-over is audited first (counts only). */
    async exportData(actor: StaffPrincipal, key: CitizenKey, request: string | null): Promise<CitizenExport> {
      const data = await store().find(key);
      if (isEmpty(data)) throw new AppError('not_found', NOTHING);
      const reference = await citizenReference(key);
      const { reference: _r, ...counts } = summarise(reference, data);
      await busy(() => ctx.stores().audit.append(auditRecord(ctx, actor.actor, 'citizen.export', reference, null, { request, ...counts })));
      return { reference, exportedAt: ctx.now().toISOString(), subject: key, ...data };
    },

    /** Erases everything stored about the citizen, in one transaction with its audit record. */
    async erase(actor: StaffPrincipal, key: CitizenKey, request: string | null): Promise<{ reference: string; removed: RemovedCounts }> {
      const data = await store().find(key);
      if (isEmpty(data)) throw new AppError('not_found', NOTHING);
      const reference = await citizenReference(key);
      const removed = await busy(() => store().erase(key, titleGroup, (counts) => auditRecord(ctx, actor.actor, 'citizen.erase', reference, null, { request, ...counts })));
      ctx.logger.info('a citizen\'s data was erased at their request', { reference, by: actor.actor, ...removed });
      return { reference, removed };
    },
  };
}

export type PersonalDataService = ReturnType<typeof createPersonalDataService>;
