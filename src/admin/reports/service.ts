/**
 * @module
 * The figures of a period for the statistics page, the report, its CSV and the command
 * line: the review queue is brought up to date first (its groups are counted), document
 * names come from the engine being served, and the last retention purge says from when
 * on the figures are whole.
 */
import { AppError } from '../../errors.ts';
import type { WorkspaceContext } from '../context.ts';
import type { QueueService } from '../queue/service.ts';
import { computeFigures, type ReportFigures, type Scope } from './figures.ts';
import { localDay, periodProblem, type Period } from './period.ts';

export interface PurgeNote {
  /** When the last purge ran, and the instant before which it removed everything (ISO). */
  at: string;
  cutoff: string;
  retentionDays: number;
}

export function createReportsService(ctx: WorkspaceContext, queue: QueueService) {
  return {
    /** Today in the province. */
    today(): string {
      return localDay(ctx.now());
    },

    async figures(period: Period, scope: Scope = 'all'): Promise<ReportFigures> {
      const problem = periodProblem(period);
      if (problem) throw new AppError('invalid_request', problem);
      await queue.sync();
      const store = ctx.stores().reports;
      if (!store) throw new AppError('not_ready', 'Thống kê chưa có trên nền tảng đang chạy.');
      return computeFigures(store, period, { scope, documents: ctx.engine().documents, now: ctx.now() });
    },

    async lastPurge(): Promise<PurgeNote | null> {
      const [entry] = await ctx.stores().audit.list({ action: 'retention.purge', limit: 1 });
      const after = entry?.after as Partial<PurgeNote> | null | undefined;
      if (!entry || !after?.cutoff || typeof after.retentionDays !== 'number') return null;
      return { at: entry.at, cutoff: after.cutoff, retentionDays: after.retentionDays };
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
